// The streaming Terraform JSON reader: the model it yields equals the one a full parse gives
// (this guards the kept-keys whitelist), on every plan we have; and the scanner refuses
// hostile input (truncation, deep nesting, bad tokens, bad UTF-8) with a one-line error,
// wherever chunk boundaries fall.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "certlint/engine.hpp"
#include "certlint/load.hpp"
#include "model_dump.hpp"
#include "readers/json_scan.hpp"
#include "readers/readers.hpp"
#include "readers/terraform_json.hpp"
#include "support.hpp"
#include "test_shell.hpp"

using namespace certlint;
namespace fs = std::filesystem;
using json = nlohmann::json;
using test::dump_model;

namespace {

Model model_of(const std::string& path, const json& doc, const LoadOptions& opts) {
    Model m;
    m.inputs.push_back(Input{path, InputKind::TerraformPlan});
    readers::read_terraform(m, 0, doc, opts);
    return m;
}

// A temporary file holding `text`, open for reading from its start.
struct TempFile {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f{std::tmpfile(), &std::fclose};
    explicit TempFile(const std::string& text) {
        REQUIRE(f != nullptr);
        REQUIRE(std::fwrite(text.data(), 1, text.size(), f.get()) == text.size());
        std::rewind(f.get());
    }
};

std::optional<json> parse_chunked(const std::string& text, std::size_t chunk) {
    TempFile file(text);
    return readers::parse_terraform_json_file("plan.json", file.f.get(), 0, chunk);
}

std::optional<json> parse_memory(std::string text) {
    return readers::parse_terraform_json("plan.json", text);
}

// The error message of parsing `text` (in memory and in chunks of 1 and 5 bytes), which
// must be the same each way; "" when it parses.
std::string error_of(const std::string& text) {
    std::string first;
    for (std::size_t chunk : {std::size_t{0}, std::size_t{1}, std::size_t{5}}) {
        std::string what;
        try {
            if (chunk == 0) {
                (void)parse_memory(text);
            } else {
                (void)parse_chunked(text, chunk);
            }
        } catch (const InputError& e) {
            what = e.what();
        }
        if (chunk == 0) {
            first = what;
        } else {
            INFO("chunk " << chunk);
            CHECK(what == first);
        }
    }
    return first;
}

std::vector<std::string> plan_files() {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(test::kSourceDir + "/fixtures")) {
        if (e.is_regular_file() && e.path().filename() == "plan.json") {
            out.push_back(e.path().string());
        }
    }
    out.push_back(test::kSourceDir + "/examples/plan.json");
    for (const auto& e : fs::directory_iterator(test::corpus_path("tfplan"))) {
        out.push_back(e.path().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// The golden scenarios' plans, in path order.
std::vector<std::string> golden_plans() {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(test::kSourceDir + "/fixtures/golden")) {
        if (e.is_regular_file() && e.path().filename() == "plan.json") {
            out.push_back(e.path().string());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

const std::string kPlan = R"({"format_version":"1.2","terraform_version":"1.9.8",
 "variables":{"region":{"value":"eu-west-1"}},
 "planned_values":{"root_module":{"resources":[
   {"address":"aws_acm_certificate.main","mode":"managed","type":"aws_acm_certificate",
    "name":"main","provider_name":"registry.terraform.io/hashicorp/aws","schema_version":0,
    "values":{"domain_name":"example.com","validation_method":"DNS","tags":{"a":"b"}},
    "sensitive_values":{}}]}},
 "resource_changes":[
   {"address":"aws_acm_certificate.main","mode":"managed","type":"aws_acm_certificate",
    "name":"main","change":{"actions":["create"],"before":null,
    "after":{"domain_name":"example.com","validation_method":"DNS",
             "subject_alternative_names":["caf\u00e9.example.com","\ud83d\ude00.example.com"]},
    "after_unknown":{"arn":true,"id":true}}},
   {"address":"aws_cloudfront_distribution.cdn","mode":"managed",
    "type":"aws_cloudfront_distribution","name":"cdn","change":{"actions":["create"],"before":null,
    "after":{"aliases":["example.com","a \"quoted\" {alias} with [brackets] and \\ backslash"],
             "viewer_certificate":[{"minimum_protocol_version":"TLSv1.2_2021",
               "acm_certificate_arn":"arn:aws:acm:us-east-1:111122223333:certificate/1"}],
             "comment":"dropped","price_class":"PriceClass_100",
             "x":"arn:aws:acm:us-east-1:111122223333:certificate/2"},
    "after_unknown":{"viewer_certificate":[{"acm_certificate_arn":true}]}}}],
 "configuration":{"provider_config":{"aws":{"name":"aws",
   "expressions":{"region":{"references":["var.region"]}}}},
   "root_module":{"resources":[
    {"address":"aws_cloudfront_distribution.cdn","mode":"managed",
     "type":"aws_cloudfront_distribution","name":"cdn",
     "expressions":{"viewer_certificate":[{"acm_certificate_arn":
       {"references":["aws_acm_certificate.main.arn","aws_acm_certificate.main"]}}]}}],
    "variables":{"region":{}}}},
 "timestamp":"2026-11-20T09:14:02Z","applyable":true,"complete":true,"errored":false}
)";

}  // namespace

TEST_CASE("the streaming reader builds the same model as a full parse of every plan", "[stream]") {
    int compared = 0;
    for (const std::string& path : plan_files()) {
        INFO(path);
        const std::string text = readers::decode_text(path, test::read_file(path));
        json full;
        try {
            full = json::parse(text);
        } catch (const json::parse_error&) {
            CHECK_THROWS_AS(parse_memory(text), InputError);
            continue;
        }
        if (!readers::is_terraform_json(full)) continue;
        const auto streamed = parse_memory(text);
        REQUIRE(streamed.has_value());
        REQUIRE(readers::is_terraform_json(*streamed));
        const auto chunked = parse_chunked(text, 4093);
        REQUIRE(chunked.has_value());
        CHECK(*chunked == *streamed);
        for (const LoadOptions& opts : {LoadOptions{}, LoadOptions{"us-east-1", {}, {}, {}}}) {
            const json expected = dump_model(model_of(path, full, opts));
            const json actual = dump_model(model_of(path, *streamed, opts));
            INFO("differences: " << json::diff(expected, actual).dump());
            CHECK(actual == expected);
        }
        ++compared;
    }
    CHECK(compared >= 133);  // the fixtures' plans, the example and the corpus plans
}

TEST_CASE("the reduced plan keeps what the Terraform reader reads", "[stream]") {
    const auto doc = parse_memory(kPlan);
    REQUIRE(doc.has_value());
    const json& rc = doc->at("resource_changes");
    REQUIRE(rc.size() == 2);
    // Planned values of resources with a change are dropped: the change has them.
    CHECK(doc->at("planned_values").at("root_module").at("resources").empty());
    const json& after = rc[1].at("change").at("after");
    CHECK(after.at("aliases")[1] == "a \"quoted\" {alias} with [brackets] and \\ backslash");
    CHECK(after.at("viewer_certificate") == json::parse(R"([{"acm_certificate_arn":
                              "arn:aws:acm:us-east-1:111122223333:certificate/1"}])"));
    CHECK(after.at("x") == "arn:aws:acm:us-east-1:111122223333:certificate/2");  // an ARN
    CHECK_FALSE(after.contains("comment"));
    CHECK_FALSE(after.contains("price_class"));
    CHECK(rc[0].at("change").at("after").at("subject_alternative_names") ==
          json({"caf\xc3\xa9.example.com", "\xf0\x9f\x98\x80.example.com"}));
    CHECK_FALSE(rc[0].at("change").contains("after_unknown"));  // nothing read is unknown
    CHECK_FALSE(rc[0].contains("mode"));                        // "managed"
    CHECK_FALSE(rc[0].at("change").contains("before"));         // null
    CHECK(rc[1].at("change").at("after_unknown").contains("viewer_certificate"));
    CHECK_FALSE(doc->contains("timestamp"));
    CHECK(doc->at("applyable") == true);
    CHECK(doc->at("variables") == json::parse(kPlan).at("variables"));
    CHECK(doc->at("configuration") == json::parse(kPlan).at("configuration"));
}

TEST_CASE("tree resources without a change are kept, with their values reduced", "[stream]") {
    const std::string plan = R"({"format_version":"1.2",
      "planned_values":{"root_module":{"child_modules":[{"resources":[
        {"address":"module.m.aws_acm_certificate.c","mode":"managed","type":"aws_acm_certificate",
         "name":"c","values":{"domain_name":"a.example.com","tags":{"x":"y"},"ttl":60,
         "options":[{"certificate_transparency_logging_preference":"ENABLED","not_read":"NO"}]}},
        {"address":"module.m.aws_acm_certificate.d","mode":"managed","type":"aws_acm_certificate",
         "name":"d","values":{"domain_name":"b.example.com"}}],
        "address":"module.m"}]}},
      "resource_changes":[{"address":"module.m.aws_acm_certificate.d","module_address":"module.m",
        "mode":"managed","type":"aws_acm_certificate","name":"d",
        "change":{"actions":["create"],"before":null,"after":{"domain_name":"b.example.com"}}}],
      "prior_state":{"values":{"root_module":{"resources":[
        {"address":"data.aws_acm_certificate.e","mode":"data","type":"aws_acm_certificate",
         "name":"e",
         "values":{"arn":"arn:aws:acm:us-east-1:1:certificate/x","status":"ISSUED"}}]}}}})";
    for (std::size_t chunk : {0, 1, 3, 64}) {
        INFO("chunk " << chunk);
        const auto doc = chunk == 0 ? parse_memory(plan) : parse_chunked(plan, chunk);
        REQUIRE(doc.has_value());
        const json& planned = doc->at("planned_values").at("root_module").at("child_modules")[0];
        REQUIRE(planned.at("resources").size() == 1);
        CHECK(planned.at("resources")[0] ==
              json::parse(R"({"address":"module.m.aws_acm_certificate.c",
                 "type":"aws_acm_certificate","name":"c","values":{"domain_name":"a.example.com",
                 "tags":{"x":"y"},"options":[{"certificate_transparency_logging_preference":"ENABLED"}]}})"));
        const json& prior = doc->at("prior_state").at("values").at("root_module").at("resources");
        REQUIRE(prior.size() == 1);
        CHECK(prior[0].at("mode") == "data");
        CHECK(prior[0].at("values").at("status") == "ISSUED");
        const Model full = model_of("plan.json", json::parse(plan), {});
        const Model streamed = model_of("plan.json", *doc, {});
        CHECK(dump_model(streamed) == dump_model(full));
        CHECK(streamed.certificates.size() == 3);
    }
}

TEST_CASE("chunk boundaries anywhere (inside strings, escapes, numbers) change nothing",
          "[stream]") {
    const auto expected = parse_memory(kPlan);
    REQUIRE(expected.has_value());
    for (std::size_t chunk = 1; chunk <= 40; ++chunk) {
        INFO("chunk " << chunk);
        const auto got = parse_chunked(kPlan, chunk);
        REQUIRE(got.has_value());
        CHECK(*got == *expected);
    }
}

TEST_CASE("the scanner reads values as nlohmann does, and skips only valid JSON", "[stream]") {
    const std::vector<std::string> docs = {
        R"({"a":[1,-2,3.5,1e3,-0,0.25E-2,18446744073709551615,-9223372036854775808]})",
        R"({"k\"e{y[":"v\\al\/ue\b\f\n\r\t","\u0041\u00e9\u4e2d\ud834\udd1e":null})",
        R"(  [ true , false , null , { } , [ ] , "" ]  )",
        "{\"ascii\":\"caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80\"}",
        R"({"dup":1,"dup":2})",
        R"(12345678901234567890123)",
    };
    for (const std::string& doc : docs) {
        INFO(doc);
        for (std::size_t chunk : {1, 2, 3, 7, 64}) {
            INFO("chunk " << chunk);
            {
                TempFile file(doc);
                readers::JsonScanner s("x.json", file.f.get(), 0, chunk);
                const json v = s.value();
                s.expect_end();
                CHECK(v == json::parse(doc));
            }
            TempFile file(doc);
            readers::JsonScanner s("x.json", file.f.get(), 0, chunk);
            s.skip();
            CHECK_NOTHROW(s.expect_end());
        }
    }
}

TEST_CASE("invalid JSON anywhere is refused with its byte offset", "[stream]") {
    const std::string head = R"({"format_version":"1.2","planned_values":{"root_module":{}},)";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {head + R"("x":[1,2,})", "invalid JSON"},
        {head + R"("x":{"a" 1}})", "invalid JSON"},
        {head + R"("x":{"a":1,}})", "invalid JSON"},
        {head + R"("x":[1 2]})", "invalid JSON"},
        {head + R"("x":01})", "invalid number"},
        {head + R"("x":1.})", "invalid number"},
        {head + R"("x":-})", "invalid number"},
        {head + R"("x":tru})", "invalid literal"},
        {head + R"("x":nul})", "invalid literal"},
        {head + R"("x":'a'})", "invalid JSON"},
        {head + R"("x":"a\qb"})", "invalid escape"},
        {head + R"("x":"\ud800"})", "surrogate"},
        {head + R"("x":"\udc00"})", "surrogate"},
        {head + R"("x":"\u12G4"})", "\\u escape"},
        {head + "\"x\":\"a\tb\"}", "control character"},
        {head + "\"x\":\"a\xe9z\"}", "invalid UTF-8"},
        {head + "\"x\":\"\xc0\xaf\"}", "invalid UTF-8"},
        {head + "\"x\":\"\xed\xa0\x80\"}", "invalid UTF-8"},
        {head + "\"x\":\"\xf4\x90\x80\x80\"}", "invalid UTF-8"},
        {head + "\"x\":\xc3\xa9}", "invalid JSON"},
        {head + "\"x\":\xff}", "invalid UTF-8"},
        // Outside strings too, decided the same way when a read splits the sequence.
        {head + "\"x\":\xe2\x82\xac}", "unexpected non-ASCII character"},
        {head + "\"x\":\xe2\x82}", "invalid UTF-8"},
        {head + "\"x\":\xe2\x82", "invalid UTF-8"},  // cut off by the end of input
        {head + std::string("\"x\":\"a\0b\"}", 10), "NUL byte"},
        {head + R"("x":1} {})", "after the top-level value"},
        {head + R"("x":1}])", "after the top-level value"},
        {head + R"("x":1)", "unexpected end of input"},
        {head + R"("x":"abc)", "unexpected end of input"},
        {R"({"format_version":"1.2","resource_changes":[],"resource_changes":[]})",
         "duplicate key"},
    };
    for (const auto& [text, says] : cases) {
        INFO(text);
        const std::string what = error_of(text);
        CHECK(what.find(says) != std::string::npos);
        CHECK(what.rfind("plan.json: ", 0) == 0);
        CHECK(what.find('\n') == std::string::npos);
        CHECK(what.find(" byte ") != std::string::npos);
    }
}

TEST_CASE("a plan truncated at any byte is refused, never read", "[stream]") {
    for (std::size_t n = 0; n + 1 < kPlan.size(); ++n) {
        const std::string cut = kPlan.substr(0, n);
        INFO("truncated to " << n << " bytes");
        bool refused = false;
        try {
            (void)parse_memory(cut);
        } catch (const InputError& e) {
            refused = std::string(e.what()).find("invalid JSON") != std::string::npos;
        }
        CHECK(refused);
        if (n % 7 == 0) CHECK_THROWS_AS(parse_chunked(cut, 3), InputError);
    }
}

TEST_CASE("2-million-deep nesting is refused quickly in bounded memory", "[stream]") {
    const auto start = std::chrono::steady_clock::now();
    const std::string arrays(2'000'000, '[');
    std::string objects;
    for (int i = 0; i < 200'000; ++i) objects += R"({"a":)";
    const std::string inner = R"({"format_version":"1.2","configuration":)" + arrays;
    const std::string skipped = R"({"format_version":"1.2","output_changes":)" + objects;
    for (const std::string* text :
         std::vector<const std::string*>{&arrays, &objects, &inner, &skipped}) {
        const std::string what = error_of(*text);
        CHECK(what.find("nested deeper than 1000 levels") != std::string::npos);
    }
    const std::string ok = std::string(1000, '[') + std::string(1000, ']');
    TempFile file(ok);
    readers::JsonScanner s("x.json", file.f.get(), 0, 64);
    CHECK_NOTHROW(s.skip());
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
    CHECK(seconds.count() < 5.0);
}

TEST_CASE("plans stream from disk with the behaviour of whole-file reading", "[stream]") {
    const test::TempDir tmp;
    const fs::path dir = tmp.path();
    const auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir / name, std::ios::binary) << text;
        return (dir / name).string();
    };
    // A UTF-8 BOM, leading whitespace: streamed; the same model as from memory.
    const std::string bom = write("bom.json", "\xEF\xBB\xBF \n" + kPlan);
    Model from_memory;
    load_document(from_memory, bom, kPlan, {});
    CHECK(dump_model(load_inputs({bom}, {})) == dump_model(from_memory));
    // Errors name the file and the byte of the input.
    try {
        (void)load_inputs({write("bad.json", "\xEF\xBB\xBF{\"format_version\":x}")}, {});
        FAIL("accepted");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("invalid JSON: unexpected character 'x' at byte 21") !=
              std::string::npos);
    }
    // JSON that is not a plan: a CloudFormation template is read as one; other JSON refused.
    const std::string cfn = write("template.json", R"({"AWSTemplateFormatVersion":"2010-09-09",
      "Resources":{"Cert":{"Type":"AWS::CertificateManager::Certificate",
      "Properties":{"DomainName":"example.com","ValidationMethod":"DNS"}}}})");
    const Model cm = load_inputs({cfn}, {});
    REQUIRE(cm.inputs.size() == 1);
    CHECK(std::string(certlint::to_string(cm.inputs[0].kind)) == "cloudformation");
    CHECK(cm.certificates.size() == 1);
    CHECK_THROWS_AS(load_inputs({write("other.json", R"({"name":"x"})")}, {}), InputError);
}

TEST_CASE("directories are read in parallel into the model a sequential read gives", "[stream]") {
    const test::TempDir tmp;
    const fs::path dir = tmp.path();
    fs::create_directories(dir / "sub");
    const std::vector<std::string> sources = golden_plans();
    REQUIRE(sources.size() >= 3);
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const fs::path sub = i % 2 == 0 ? dir / "sub" : dir;
        fs::copy_file(sources[i], sub / ("plan" + std::to_string(i) + ".json"));
    }
    std::ofstream(dir / "package.json") << R"({"name":"not ours"})";
    std::ofstream(dir / "notes.yaml") << "just: yaml\n";
    Model sequential;
    std::vector<fs::path> sorted;  // in the order of directory scans
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.path().filename().string().rfind("plan", 0) == 0) sorted.push_back(e.path());
    }
    std::sort(sorted.begin(), sorted.end());
    for (const fs::path& path : sorted) {
        load_document(sequential, path.string(), test::read_file(path.string()), {});
    }
    // The files that are not ours are skipped with a note each, in path order, first.
    const std::string not_ours =
        ": skipped: not a Terraform plan or state (terraform show -json), a CloudFormation "
        "template or an ACM inventory (describe-certificate or list-certificates output, AWS "
        "Config items)";
    sequential.notes.insert(sequential.notes.begin(), {(dir / "notes.yaml").string() + not_ours,
                                                       (dir / "package.json").string() + not_ours});
    const Model parallel = load_inputs({dir.string()}, {});
    CHECK(dump_model(parallel) == dump_model(sequential));
    CHECK(parallel.inputs.size() == sources.size());
    // The first error in path order wins, whichever thread met it first.
    std::ofstream(dir / "sub" / "zz-broken.json") << R"({"format_version":"1.2",)";
    std::ofstream(dir / "a-broken.json") << R"({"format_version":"1.2","x":[})";
    try {
        (void)load_inputs({dir.string()}, {});
        FAIL("accepted");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("a-broken.json") != std::string::npos);
    }
}

TEST_CASE("named files and directories are read in parallel, merged in the order named",
          "[stream]") {
    const test::TempDir tmp;
    const fs::path dir = tmp.path();
    const std::vector<std::string> sources = golden_plans();
    REQUIRE(sources.size() >= 3);
    fs::create_directories(dir / "d");
    fs::copy_file(sources[0], dir / "d" / "plan.json");
    // Named out of path order, a directory in the middle: the model follows the arguments.
    const std::vector<std::string> named = {sources[2], (dir / "d").string(), sources[1]};
    Model sequential;
    for (const std::string& path : {sources[2], (dir / "d" / "plan.json").string(), sources[1]}) {
        load_document(sequential, path, test::read_file(path), {});
    }
    const Model parallel = load_inputs(named, {});
    CHECK(dump_model(parallel) == dump_model(sequential));
    REQUIRE(parallel.inputs.size() == 3);
    CHECK(parallel.inputs[0].path == sources[2]);
    CHECK(parallel.inputs[2].path == sources[1]);
    // The first problem in argument order wins: a broken file before a missing one, a
    // missing one before a broken one.
    const std::string broken = (dir / "broken.json").string();
    std::ofstream(broken) << R"({"format_version":"1.2","x":[})";
    const std::string missing = (dir / "missing.json").string();
    const auto error_of = [](const std::vector<std::string>& paths) {
        try {
            (void)load_inputs(paths, {});
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    CHECK(error_of({sources[0], broken, missing}).find("broken.json") != std::string::npos);
    CHECK(error_of({sources[0], missing, broken}) == missing + ": no such file or directory");
}
