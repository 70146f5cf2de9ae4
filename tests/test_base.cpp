// The lowest layer, src/base: calendar dates and RFC 3339 times, DNS names, globs. Each is
// the one implementation the readers, rules and configuration share.
#include <cstdint>
#include <string>

#include "base/dns.hpp"
#include "base/glob.hpp"
#include "base/time.hpp"
#include "catch.hpp"

using namespace certlint::base;

TEST_CASE("base time: leap years and month lengths", "[base][time]") {
    CHECK(is_leap_year(2024));
    CHECK(is_leap_year(2000));        // divisible by 400
    CHECK_FALSE(is_leap_year(1900));  // a century
    CHECK_FALSE(is_leap_year(2100));
    CHECK_FALSE(is_leap_year(2026));
    CHECK(days_in_month(2024, 2) == 29);
    CHECK(days_in_month(2026, 2) == 28);
    CHECK(days_in_month(2100, 2) == 28);
    CHECK(days_in_month(2026, 1) == 31);
    CHECK(days_in_month(2026, 4) == 30);
    CHECK(days_in_month(2026, 12) == 31);
    CHECK(days_in_month(2026, 0) == 0);
    CHECK(days_in_month(2026, 13) == 0);
    CHECK(days_from_civil(1970, 1, 1) == 0);
    CHECK(days_from_civil(1969, 12, 31) == -1);
    CHECK(days_from_civil(2000, 3, 1) == 11017);
}

TEST_CASE("base time: dates are exactly YYYY-MM-DD on the calendar", "[base][time]") {
    CHECK(parse_date("1970-01-01") == 0);
    CHECK(parse_date("2026-11-01") == 1793491200);
    CHECK(parse_date("2024-02-29") == 1709164800);
    CHECK(parse_date("2000-02-29") == 951782400);
    CHECK(parse_date("2026-12-31") == 1798675200);
    CHECK_FALSE(parse_date("2026-02-29"));
    CHECK_FALSE(parse_date("1900-02-29"));
    CHECK_FALSE(parse_date("2026-04-31"));
    CHECK_FALSE(parse_date("2026-01-32"));
    CHECK_FALSE(parse_date("2026-00-10"));
    CHECK_FALSE(parse_date("2026-13-01"));
    CHECK_FALSE(parse_date("2026-01-00"));
    CHECK_FALSE(parse_date("2026-1-01"));
    CHECK_FALSE(parse_date("26-01-01"));
    CHECK_FALSE(parse_date("2026/01/01"));
    CHECK_FALSE(parse_date(" 2026-01-01"));
    CHECK_FALSE(parse_date("2026-01-01 "));
    CHECK_FALSE(parse_date("2026-01-01T00:00:00Z"));  // a time is not a date
    CHECK_FALSE(parse_date("+026-01-01"));
    CHECK_FALSE(parse_date(""));
}

TEST_CASE("base time: RFC 3339 times with their zones", "[base][time]") {
    CHECK(parse_rfc3339("2026-11-01") == 1793491200);  // a date is its midnight, UTC
    CHECK(parse_rfc3339("2026-11-01T00:00:00Z") == 1793491200);
    CHECK(parse_rfc3339("2026-11-01t00:00:00z") == 1793491200);
    CHECK(parse_rfc3339("2026-11-01 00:00:00Z") == 1793491200);
    CHECK(parse_rfc3339("2026-11-01T00:00:00.999999Z") == 1793491200);  // fractions ignored
    CHECK(parse_rfc3339("2026-11-01T02:00:00+02:00") == 1793491200);
    CHECK(parse_rfc3339("2026-10-31T19:00:00-05:00") == 1793491200);
    CHECK(parse_rfc3339("2026-11-01T00:00:00+00:00") == 1793491200);
    CHECK(parse_rfc3339("2026-11-01T00:00:00-00:00") == 1793491200);
    CHECK(parse_rfc3339("2026-11-01T14:00:00+14:00") == 1793491200);
    CHECK(parse_rfc3339("2026-11-01T05:30:00+05:30") == 1793491200);
    // A zone moves the time across a day, month and year boundary.
    CHECK(parse_rfc3339("2026-12-31T23:00:00-01:00") == parse_rfc3339("2027-01-01T00:00:00Z"));
    CHECK(parse_rfc3339("2024-02-29T23:59:59Z") == 1709251199);
    CHECK(parse_rfc3339("2026-06-30T23:59:60Z") == parse_rfc3339("2026-07-01T00:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-11-01T00:00:00"));  // no zone
    CHECK_FALSE(parse_rfc3339("2026-11-01T00:00Z"));    // no seconds
    CHECK_FALSE(parse_rfc3339("2026-11-01T24:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-11-01T23:60:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-11-01T23:59:61Z"));
    CHECK_FALSE(parse_rfc3339("2026-11-01T00:00:00.Z"));
    CHECK_FALSE(parse_rfc3339("2026-11-01T00:00:00+0200"));
    CHECK_FALSE(parse_rfc3339("2026-11-01T00:00:00+02"));
    CHECK_FALSE(parse_rfc3339("2026-11-01T00:00:00+02:00junk"));
    CHECK_FALSE(parse_rfc3339("2026-11-01T00:00:00ZZ"));
    CHECK_FALSE(parse_rfc3339("2026-11-01X00:00:00Z"));
    CHECK_FALSE(parse_rfc3339("2026-02-29T00:00:00Z"));  // not on the calendar
    CHECK_FALSE(parse_rfc3339("2026-11-01T"));
    CHECK_FALSE(parse_rfc3339(""));
}

TEST_CASE("base time: formatting round-trips", "[base][time]") {
    CHECK(format_rfc3339(0) == "1970-01-01T00:00:00Z");
    CHECK(format_rfc3339(1793491200) == "2026-11-01T00:00:00Z");
    CHECK(format_rfc3339(1709251199) == "2024-02-29T23:59:59Z");
    CHECK(format_rfc3339(-1) == "1969-12-31T23:59:59Z");
    CHECK(format_rfc3339(951868800) == "2000-03-01T00:00:00Z");
    for (const std::int64_t t : {std::int64_t{0}, std::int64_t{86399}, std::int64_t{1709164800},
                                 std::int64_t{4102444800}, std::int64_t{-86400}}) {
        INFO(t);
        CHECK(parse_rfc3339(format_rfc3339(t)) == t);
    }
}

TEST_CASE("base dns: case and trailing dots do not make a different name", "[base][dns]") {
    CHECK(trim_trailing_dots("Example.COM.") == "Example.COM");  // case kept
    CHECK(trim_trailing_dots("example.com..") == "example.com");
    CHECK(trim_trailing_dots("...") == "");
    CHECK(trim_trailing_dots("") == "");
    CHECK(trim_trailing_dots(".example.com") == ".example.com");  // only trailing ones
    CHECK(normalize_name("WWW.Example.COM.") == "www.example.com");
    CHECK(normalize_name("*.Example.com") == "*.example.com");
    CHECK(normalize_name("\xc3\x9c.example.com") == "\xc3\x9c.example.com");  // ASCII only
    CHECK(same_name("Example.com.", "example.COM"));
    CHECK_FALSE(same_name("example.com", "example.co"));
    CHECK_FALSE(same_name("www.example.com", "example.com"));
}

TEST_CASE("base dns: wildcards and validation record names", "[base][dns]") {
    CHECK(is_wildcard("*.example.com"));
    CHECK_FALSE(is_wildcard("*example.com"));
    CHECK_FALSE(is_wildcard("www.*.example.com"));
    CHECK_FALSE(is_wildcard("example.com"));
    CHECK(strip_wildcard("*.example.com") == "example.com");
    CHECK(strip_wildcard("www.example.com") == "www.example.com");
    // "*.x" and "x" share one DNS validation record.
    CHECK(validation_record_name("*.Example.com.") == "example.com");
    CHECK(validation_record_name("EXAMPLE.com") == "example.com");
    CHECK(validation_record_name("www.example.com") == "www.example.com");
}

TEST_CASE("base dns: a wildcard covers exactly one label", "[base][dns]") {
    CHECK(name_covers("example.com", "EXAMPLE.com."));
    CHECK(name_covers("*.example.com", "www.example.com"));
    CHECK(name_covers("*.Example.com.", "WWW.example.COM"));
    CHECK(name_covers("*.example.com", "*.example.com"));  // the same name
    CHECK_FALSE(name_covers("*.example.com", "example.com"));
    CHECK_FALSE(name_covers("*.example.com", "a.b.example.com"));
    CHECK_FALSE(name_covers("*.example.com", ".example.com"));  // an empty label
    CHECK_FALSE(name_covers("*.example.com", "wwwexample.com"));
    CHECK_FALSE(name_covers("www.example.com", "example.com"));
    CHECK_FALSE(name_covers("", "example.com"));
    CHECK_FALSE(name_covers("example.com", ""));
}

TEST_CASE("base dns: record names relative to their zone", "[base][dns]") {
    CHECK(qualify_name("www", "example.com.") == "www.example.com");
    CHECK(qualify_name("www.example.com.", "example.com") == "www.example.com");
    CHECK(qualify_name("example.com", "example.com.") == "example.com");
    CHECK(qualify_name("Example.COM", "example.com") == "Example.COM");
    CHECK(qualify_name("www.EXAMPLE.com", "example.com") == "www.EXAMPLE.com");
    CHECK(qualify_name("notexample.com", "example.com") == "notexample.com.example.com");
    CHECK(qualify_name("www.", "") == "www");  // no zone name: nothing to add
}

TEST_CASE("base glob: only * and ? are special", "[base][glob]") {
    const Glob docs(R"(aws_acm_certificate.api["docs"])");
    CHECK(docs.pattern() == R"(aws_acm_certificate.api["docs"])");
    CHECK(docs.matches(R"(aws_acm_certificate.api["docs"])"));
    CHECK_FALSE(docs.matches(R"(aws_acm_certificate.api["api"])"));
    CHECK_FALSE(docs.matches("aws_acm_certificate.apid"));  // [...] is no character class
    CHECK_FALSE(docs.matches(R"(aws_acm_certificate.api["docs"]x)"));  // the whole name

    CHECK(Glob("a?c").matches("abc"));
    CHECK(Glob("a?c").matches("a.c"));
    CHECK_FALSE(Glob("a?c").matches("ac"));
    CHECK_FALSE(Glob("a?c").matches("abbc"));
    CHECK(
        Glob("a?c").matches("a\xc3\xbc"
                            "c"));  // one character, two bytes
    CHECK(Glob("?").matches("\n"));

    CHECK(Glob("*").matches(""));
    CHECK(Glob("*").matches("module.a/b.c[\"x\"]"));
    CHECK(Glob("aws_acm_certificate.legacy*").matches("aws_acm_certificate.legacy"));
    CHECK(Glob("aws_acm_certificate.legacy*").matches("aws_acm_certificate.legacy[0]"));
    CHECK_FALSE(Glob("aws_acm_certificate.legacy*").matches("xaws_acm_certificate.legacy"));
    CHECK(Glob("*[\"docs\"]").matches("module.x.aws_acm_certificate.api[\"docs\"]"));
    CHECK(Glob("a*b*c").matches("a\nb\nc"));

    // Regular-expression and fnmatch metacharacters stand for themselves.
    for (const char* literal : {"a.c", "a+", "(a)", "a|b", "^a$", "[ab]", "[!a]", "a{2}", "\\d",
                                "a\\*", "$x$", "{\"k\"}"}) {
        INFO(literal);
        CHECK(Glob(literal).matches(literal));
    }
    CHECK_FALSE(Glob("a.c").matches("abc"));
    CHECK_FALSE(Glob("a+").matches("aa"));
    CHECK_FALSE(Glob("(a)").matches("a"));
    CHECK_FALSE(Glob("a|b").matches("a"));
    CHECK_FALSE(Glob("[ab]").matches("a"));
    CHECK_FALSE(Glob("[!a]").matches("b"));
    CHECK_FALSE(Glob("a{2}").matches("aa"));
    CHECK_FALSE(Glob("\\d").matches("1"));
    CHECK(Glob("a\\*").matches("a\\xyz"));  // a backslash escapes nothing: * is still a glob
}

TEST_CASE("base glob: names that are not UTF-8 match byte by byte", "[base][glob]") {
    CHECK(
        Glob("\xff*").matches("\xff"
                              "abc"));
    CHECK(
        Glob("?x").matches("\xff"
                           "x"));
    CHECK_FALSE(
        Glob("?x").matches("\xff\xfe"
                           "x"));
    CHECK(Glob("*").matches("\xc3"));
    CHECK_FALSE(Glob("a").matches("\xff"));
}

TEST_CASE("base glob: the RE2 pattern", "[base][glob]") {
    CHECK(glob_to_regex("") == "");
    CHECK(glob_to_regex("a*b?") == "a.*b.");
    CHECK(glob_to_regex("x.y[\"z\"]") == R"(x\.y\[\"z\"\])");
}
