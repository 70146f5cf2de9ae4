// Symbol: the model's interned strings behave as the text they hold, and equal texts share
// one stored string, also when interned from several threads at once.
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "catch.hpp"
#include "certlint/model.hpp"
#include "certlint/symbol.hpp"

using certlint::Symbol;

TEST_CASE("Symbol: equal texts share one stored string") {
    const std::string text = "AWS::CertificateManager::Certificate";
    const Symbol a(text);
    const Symbol b(std::string_view(text).substr(0));
    const Symbol c("AWS::CloudFront::Distribution");
    CHECK(&a.str() == &b.str());
    CHECK(a == b);
    CHECK_FALSE(a == c);
    CHECK(a.str() == text);
    CHECK(a.str().data() != text.data());  // a copy, independent of the caller's string
    CHECK(std::hash<Symbol>{}(a) == std::hash<Symbol>{}(b));
}

TEST_CASE("Symbol: empty, default and the empty text are one value") {
    const Symbol none;
    const Symbol empty("");
    CHECK(none.empty());
    CHECK(none.size() == 0);
    CHECK(none == empty);
    CHECK(&none.str() == &empty.str());
    CHECK(std::string(none.c_str()).empty());
    CHECK_FALSE(Symbol("x").empty());
}

TEST_CASE("Symbol: compares, orders and concatenates as its text") {
    const Symbol dns("DNS");
    CHECK(dns == "DNS");
    CHECK(dns == std::string("DNS"));
    CHECK(dns == std::string_view("DNS"));
    CHECK("DNS" == dns);
    CHECK(dns != "EMAIL");
    CHECK(Symbol("b") > Symbol("a"));
    CHECK(Symbol("a") < Symbol("ab"));
    std::set<Symbol> ordered = {"us-west-2", "eu-west-1", "us-east-1"};
    CHECK(ordered.begin()->str() == "eu-west-1");
    CHECK(dns + " validation" == "DNS validation");
    CHECK("via " + dns == "via DNS");
    CHECK(std::string("a") + Symbol("b") + std::string("c") == "abc");
    const std::string_view view = dns;
    CHECK(view == "DNS");
    const std::string& ref = dns;
    CHECK(ref == "DNS");
    CHECK(dns.size() == 3);
}

TEST_CASE("Symbol: the model's fields take strings") {
    certlint::Certificate c;
    c.type = std::string("aws_acm_certificate");
    c.region.value = "eu-west-1";
    c.location = certlint::SourceLocation{"main.tf", 3};
    CHECK(c.type == "aws_acm_certificate");
    CHECK(c.region.known());
    CHECK(*c.region.value == "eu-west-1");
    CHECK(c.location->file == "main.tf");
    CHECK(c.partition.empty());
}

TEST_CASE("Symbol: interning from many threads gives one string per text") {
    constexpr int kThreads = 4;
    constexpr int kTexts = 2000;
    std::vector<std::vector<const std::string*>> seen(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([t, &seen] {
            for (int i = 0; i < kTexts; ++i)
                seen[t].push_back(&Symbol("thread-text-" + std::to_string(i)).str());
        });
    }
    for (auto& th : threads) th.join();
    for (int t = 1; t < kThreads; ++t) CHECK(seen[t] == seen[0]);
    CHECK(*seen[0][1234] == "thread-text-1234");
}
