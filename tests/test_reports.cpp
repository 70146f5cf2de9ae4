// The sarif, github, junit and markdown reporters, on a report whose names and messages are
// built to break naive escaping. The golden tests cover the same formats end to end.
#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "certlint/report.hpp"
#include "certlint/rule.hpp"
#include "report/escape.hpp"
#include "support.hpp"
#include "test_shell.hpp"

using namespace certlint;
using certlint::test::sh_quote;
using certlint::test::shell;

namespace {

const std::string kCertId = "aws_acm_certificate.certs[\"a|b`c\"]";
const std::string kCdnId = "aws_cloudfront_distribution.cdn[\"<x>&\\\"y\"]";
const std::string kHostileMessage =
    "uses 100% of a:b,c\r\nnext\x01 line <b>|`x`</b> ]]> #35; \"q\" \xEF\xBF\xBE end";

Model hostile_model() {
    Model m;
    m.inputs = {{"plans/prod plan.json", InputKind::TerraformPlan}};
    Certificate c;
    c.id = kCertId;
    c.type = "aws_acm_certificate";
    c.region.value = "eu-west-1";
    c.validation_method = "DNS";
    c.has_validation_records = true;
    c.has_waiter = true;
    m.certificates.push_back(c);
    Consumer cdn;
    cdn.id = kCdnId;
    cdn.type = "aws_cloudfront_distribution";
    cdn.kind = ConsumerKind::CloudFront;
    Attachment a;
    a.attribute = "viewer_certificate.acm_certificate_arn";
    a.edge = true;
    CertCandidate cand;
    cand.certificate = 0;
    a.candidates.push_back(cand);
    cdn.attachments.push_back(a);
    m.consumers.push_back(cdn);
    Consumer lb;
    lb.id = "aws_lb_listener.ok";
    lb.type = "aws_lb_listener";
    lb.kind = ConsumerKind::LoadBalancerListener;
    cand.awaits_validation = true;
    a.edge = false;
    a.candidates = {cand};
    lb.attachments.push_back(a);
    m.consumers.push_back(lb);
    return m;
}

Report hostile_report(const Model& m) {
    Report r;
    r.inputs = m.inputs;
    r.graph = graph_of(m);
    Finding f;
    f.rule_id = "CL101";
    f.rule = "edge-certificate-not-us-east-1";
    f.severity = Severity::Error;
    f.message = kHostileMessage;
    f.resource = kCdnId;
    f.certificate = kCertId;
    f.file = "plans/prod plan.json";
    f.location = SourceLocation{"infra/main,1:x.tf", 12};
    f.remediation =
        "Use a us-east-1 provider:\n\n    provider \"aws\" {\n      region = \"us-east-1\"\n    "
        "}\n";
    f.fingerprint = "0123456789abcdef";
    r.findings.push_back(f);
    f.rule_id = "CL201";
    f.rule = "unused-certificate";
    f.severity = Severity::Warning;
    f.message = "no consumer uses it";
    f.resource = kCertId;
    f.certificate.clear();
    f.location.reset();
    f.fingerprint = "fedcba9876543210";
    r.findings.push_back(f);
    f.rule_id = "CL305";
    f.rule = "wildcard-certificate";
    f.severity = Severity::Note;
    f.message = "covers *.example.com \xFF";
    f.fingerprint = "00000000ffffffff";
    r.findings.push_back(f);
    r.summary = Summary{1, 1, 1, 1, 2};
    return r;
}

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos + what.size()))
        ++n;
    return n;
}

}  // namespace

TEST_CASE("github: one workflow command per finding, escaped per GitHub's rules", "[report]") {
    const Model m = hostile_model();
    const std::string out = render_github(hostile_report(m));
    CHECK(count(out, "\n") == 3);
    CHECK(out.rfind("::error file=infra/main%2C1%3Ax.tf,line=12,"
                    "title=CL101 edge-certificate-not-us-east-1::",
                    0) == 0);
    // Data: %, CR and LF escaped; ':' and ',' kept.
    CHECK(out.find("uses 100%25 of a:b,c%0D%0Anext") != std::string::npos);
    CHECK(out.find("::warning file=plans/prod plan.json,title=CL201 unused-certificate::") !=
          std::string::npos);
    CHECK(out.find("::notice file=plans/prod plan.json,title=CL305 wildcard-certificate::") !=
          std::string::npos);
    CHECK(render_github(Report{}).empty());
}

TEST_CASE("text: each finding at its file and line, else at its input", "[report]") {
    const Model m = hostile_model();
    Report r = hostile_report(m);
    r.findings.resize(2);
    Finding no_file = r.findings[0];
    no_file.location = SourceLocation{"", 7};  // a line without a file: the input, no line
    r.findings.push_back(no_file);
    RenderOptions opts;
    opts.quiet = true;
    const std::string out = render_text(r, opts);
    CHECK(out.rfind("infra/main,1:x.tf:12: error CL101 edge-certificate-not-us-east-1\n", 0) == 0);
    CHECK(out.find("\nplans/prod plan.json: warning CL201 unused-certificate\n") !=
          std::string::npos);
    CHECK(out.find("\nplans/prod plan.json: error CL101 edge-certificate-not-us-east-1\n") !=
          std::string::npos);
    CHECK(out.find(":7") == std::string::npos);
}

TEST_CASE("text: at most 5 lines a finding, the full fix under --verbose", "[report]") {
    const Model m = hostile_model();
    Report r = hostile_report(m);
    r.notes = {"region of aws_lb_listener.x is unknown"};
    const std::string plain = render_text(r, {});
    // 3 findings of 4 lines, 2 blank lines between them, a blank line, the summary and the
    // hint that notes exist.
    CHECK(count(plain, "\n") == 3 * 4 + 2 + 1 + 2);
    CHECK(plain.rfind("infra/main,1:x.tf:12: error CL101 edge-certificate-not-us-east-1\n"
                      "  resource: aws_cloudfront_distribution.cdn[\"<x>&\\\\\"y\"] (certificate "
                      "aws_acm_certificate.certs[\"a|b`c\"])\n",
                      0) == 0);
    CHECK(plain.find("\n  fix: Use a us-east-1 provider: More: certlint explain CL101\n") !=
          std::string::npos);
    CHECK(plain.find("how to fix") == std::string::npos);
    CHECK(plain.find("region of aws_lb_listener.x") == std::string::npos);
    CHECK(plain.find("\n3 findings (1 error, 1 warning, 1 note) in 1 input: 1 certificate, 2 "
                     "consumers\n--verbose shows 1 note (what could not be decided, what was "
                     "skipped, waivers, baseline)\n") != std::string::npos);

    RenderOptions verbose;
    verbose.verbose = true;
    const std::string full = render_text(r, verbose);
    CHECK(count(full, "  how to fix:\n    Use a us-east-1 provider:\n\n        provider") == 3);
    CHECK(full.find("\nnote: region of aws_lb_listener.x is unknown\n") != std::string::npos);
    CHECK(full.find("--verbose shows") == std::string::npos);

    RenderOptions quiet;
    quiet.quiet = true;
    const std::string q = render_text(r, quiet);
    CHECK(count(q, "\n") == 3 * 4 + 2);
    CHECK(q.find("findings (") == std::string::npos);
    CHECK(q.find("note:") == std::string::npos);
    CHECK(render_text(Report{}, quiet).empty());
    CHECK(render_text(Report{}, {}) ==
          "0 findings (0 errors, 0 warnings, 0 notes) in 0 inputs: 0 certificates, 0 consumers\n");
}

TEST_CASE("text: the one-line fix is the remediation's first sentence", "[report]") {
    CHECK(esc::first_sentence("Do this. Then that.") == "Do this.");
    CHECK(esc::first_sentence("Set `a.b` and\n  `c. d` now.\nMore.") ==
          "Set `a.b` and `c. d` now.");
    CHECK(esc::first_sentence("\n  Lead-in:\n\n    code\n") == "Lead-in:");
    CHECK(esc::first_sentence("Version 1.2 is fine") == "Version 1.2 is fine");
    CHECK(esc::first_sentence("").empty());
    // Every rule's remediation starts with a sentence that fits one line of a wide terminal.
    for (const Policy& p : policies()) {
        for (const auto& [family, text] : p.remediation) {
            const std::string fix = esc::first_sentence(text);
            INFO(p.id << ": " << fix);
            CHECK(!fix.empty());
            CHECK(fix.back() == '.');
            CHECK(fix.size() <= 240);
        }
    }
}

TEST_CASE("escaping helpers", "[report]") {
    CHECK(esc::workflow_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce");
    CHECK(esc::workflow_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e");
    CHECK(esc::xml_attr("<a href=\"x\">'&'\t\n</a>") ==
          "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&#9;&#10;&lt;/a&gt;");
    CHECK(esc::xml_text("a\x01\x1f b\xEF\xBF\xBF\xEF\xBF\xBE c\xC3\xA9\xF0\x9F\x94\x92") ==
          "a b c\xC3\xA9\xF0\x9F\x94\x92");
    CHECK(esc::xml_text("bad \xC3 utf8 \xED\xA0\x80") ==
          "bad \xEF\xBF\xBD utf8 \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(esc::md_text("*a* _b_ [c](d) <e> |f| `g` \\h $i$ #j\nk") ==
          "\\*a\\* \\_b\\_ \\[c\\](d) \\<e\\> \\|f\\| \\`g\\` \\\\h \\$i\\$ \\#j k");
    CHECK(esc::md_text("snake_case _x_ a_ _b") == "snake_case \\_x\\_ a\\_ \\_b");
    CHECK(esc::xml_text("\"it's\" <&>") == "\"it's\" &lt;&amp;&gt;");
    CHECK(esc::md_code("plain") == "`plain`");
    CHECK(esc::md_code("a`b") == "``a`b``");
    CHECK(esc::md_code("`x`") == "`` `x` ``");
    CHECK(esc::md_code("a|b", true) == "`a\\|b`");
    CHECK(esc::mermaid_label("x[\"<k>\"] & `y` #1\nz") ==
          "x[#34;#60;k#62;#34;] #38; #96;y#96; #35;1 z");
    CHECK(esc::path_to_uri("infra/my plan#1.json") == "infra/my%20plan%231.json");
    CHECK(esc::path_to_uri("/abs/p.json") == "file:///abs/p.json");
    CHECK(esc::path_to_uri("C:x") == "C%3Ax");
}

TEST_CASE("sarif: driver, rule catalog, results, locations and fingerprints", "[report]") {
    const Model m = hostile_model();
    const auto doc = nlohmann::json::parse(render_sarif(hostile_report(m)));
    CHECK(doc["version"] == "2.1.0");
    REQUIRE(doc["runs"].size() == 1);
    const auto& run = doc["runs"][0];
    const auto& driver = run["tool"]["driver"];
    CHECK(driver["name"] == "certlint");
    CHECK(driver["version"] == version());
    CHECK(driver["informationUri"].get<std::string>().rfind("https://", 0) == 0);
    REQUIRE(driver["rules"].size() == policies().size());
    for (std::size_t i = 0; i < policies().size(); ++i) {
        const Policy& p = policies()[i];
        const auto& rule = driver["rules"][i];
        CHECK(rule["id"] == p.id);
        CHECK(rule["name"] == p.name);
        CHECK(rule["shortDescription"]["text"] == p.summary);
        CHECK(rule["fullDescription"]["text"] == p.rationale);
        CHECK(rule["help"]["text"].get<std::string>().find(
                  p.remediation_for(InputFamily::Terraform)) != std::string::npos);
        CHECK(rule["helpUri"].get<std::string>().find("docs/rules/" + p.id + ".md") !=
              std::string::npos);
        CHECK(rule["defaultConfiguration"]["level"] == to_string(p.severity));
    }
    const auto& results = run["results"];
    REQUIRE(results.size() == 3);
    CHECK(results[0]["ruleId"] == "CL101");
    CHECK(results[0]["level"] == "error");
    CHECK(results[1]["level"] == "warning");
    CHECK(results[2]["level"] == "note");
    REQUIRE(find_policy("CL101") != nullptr);
    REQUIRE(results[0].contains("ruleIndex"));
    CHECK(driver["rules"][results[0]["ruleIndex"].get<std::size_t>()]["id"] == "CL101");
    CHECK(results[0]["message"]["text"] == kCdnId + ": " + kHostileMessage);
    const auto& loc = results[0]["locations"][0]["physicalLocation"];
    CHECK(loc["artifactLocation"]["uri"] == "infra/main%2C1%3Ax.tf");
    CHECK(loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
    CHECK(loc["region"]["startLine"] == 12);
    const auto& loc2 = results[1]["locations"][0]["physicalLocation"];
    CHECK(loc2["artifactLocation"]["uri"] == "plans/prod%20plan.json");
    CHECK(loc2["region"]["startLine"] == 1);
    CHECK(results[0]["partialFingerprints"]["certlintFingerprint/v1"] == "0123456789abcdef");
    CHECK(results[0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == kCdnId);
}

TEST_CASE("sarif validates against the OASIS SARIF 2.1.0 schema", "[report][sarif]") {
    const std::string schema = test::corpus_path("schemas/sarif-schema-2.1.0.json");
    REQUIRE(test::have_command("python3"));  // tools/install-deps.sh test
    REQUIRE(test::have_jsonschema());
    test::TempDir tmp;
    const Model m = hostile_model();
    std::vector<std::string> files = {tmp.write("hostile.sarif", render_sarif(hostile_report(m))),
                                      tmp.write("empty.sarif", render_sarif(Report{}))};
    Report suppressed = hostile_report(m);
    suppressed.suppressed.push_back({suppressed.findings[0], "external", "baseline"});
    suppressed.suppressed.push_back({suppressed.findings[1], "inSource", "ignored"});
    files.push_back(tmp.write("suppressed.sarif", render_sarif(suppressed)));
    Report unread = hostile_report(m);  // an input that could not be read
    unread.problems.push_back({"infra/broken.yaml", "infra/broken.yaml: invalid YAML at line 3"});
    files.push_back(tmp.write("unread.sarif", render_sarif(unread)));
    // The golden SARIF reports too (real runs of the binary).
    for (const auto& e :
         std::filesystem::directory_iterator(test::kSourceDir + "/fixtures/golden")) {
        if (std::filesystem::exists(e.path() / "expected.sarif")) {
            files.push_back((e.path() / "expected.sarif").string());
        }
    }
    std::string cmd =
        "python3 -c 'import json, sys, jsonschema\n"
        "schema = json.load(open(sys.argv[1]))\n"
        "for p in sys.argv[2:]:\n"
        "    jsonschema.validate(json.load(open(p)), schema)\n"
        "    print(\"valid\", p)' " +
        sh_quote(schema);
    for (const std::string& f : files) {
        cmd += ' ';  // (not " " + ...: GCC 12 -Wrestrict false positive at -O2)
        cmd += sh_quote(f);
    }
    const auto r = shell(cmd);
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(count(r.output, "valid ") == files.size());
}

TEST_CASE("junit: a test case per certificate and consumer, failures for findings", "[report]") {
    const Model m = hostile_model();
    RenderOptions warning;
    warning.fail_on = Severity::Warning;
    const std::string out = render_junit(hostile_report(m), warning);
    CHECK(out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"certlint\" "
                    "tests=\"3\" failures=\"2\"",
                    0) == 0);
    CHECK(count(out, "<testcase ") == 3);
    CHECK(count(out, "<failure ") == 2);
    CHECK(out.find("<testsuite name=\"plans/prod plan.json\" tests=\"3\" failures=\"2\"") !=
          std::string::npos);
    CHECK(out.find("name=\"aws_lb_listener.ok\" classname=\"aws_lb_listener\" "
                   "file=\"plans/prod plan.json\" time=\"0\"/>") != std::string::npos);
    // Two findings on the certificate: the warning fails, the note is output of the case.
    CHECK(out.find("message=\"CL201 unused-certificate: no consumer uses it\" "
                   "type=\"warning\"") != std::string::npos);
    CHECK(out.find("<system-out>note CL305 wildcard-certificate\n") != std::string::npos);
    RenderOptions note;
    note.fail_on = Severity::Note;
    CHECK(render_junit(hostile_report(m), note)
              .find("message=\"2 findings: CL201 CL305\" "
                    "type=\"warning\"") != std::string::npos);
    CHECK(out.find(std::string("\x01")) == std::string::npos);
    CHECK(out.find("\xEF\xBF\xBE") == std::string::npos);
    CHECK(out.find("<b>") == std::string::npos);
    CHECK(out.find("&lt;b&gt;|`x`&lt;/b&gt; ]]&gt;") != std::string::npos);
    REQUIRE(test::have_command("python3"));
    test::TempDir tmp;
    const auto r = shell(
        "python3 -c 'import sys, xml.etree.ElementTree as ET\n"
        "root = ET.parse(sys.argv[1]).getroot()\n"
        "cases = root.findall(\"testsuite/testcase\")\n"
        "print(len(cases), cases[1].get(\"name\"))' " +
        sh_quote(tmp.write("junit.xml", out)));
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.output == "3 " + kCdnId + "\n");
}

TEST_CASE("junit without the checked resources still reports every finding", "[report]") {
    const Model m = hostile_model();
    Report r = hostile_report(m);
    r.graph = {};  // nothing listed as checked
    RenderOptions warning;
    warning.fail_on = Severity::Warning;
    const std::string out = render_junit(r, warning);
    CHECK(count(out, "<testcase ") == 2);
    CHECK(count(out, "<failure ") == 2);
}

TEST_CASE("junit fails test cases only at or above --fail-on", "[report]") {
    // GitLab's test widget must not be red while the job (exit code) passes.
    const Model m = hostile_model();
    const Report r = hostile_report(m);
    const std::string errors = render_junit(r, {});  // default: error
    CHECK(errors.find("<testsuites name=\"certlint\" tests=\"3\" failures=\"1\"") !=
          std::string::npos);
    CHECK(count(errors, "<failure ") == 1);
    CHECK(errors.find("<failure message=\"CL101 edge-certificate-not-us-east-1: ") !=
          std::string::npos);
    // The certificate's warning and note: a passing case that carries them as output.
    const auto cert =
        errors.find("<testcase name=\"aws_acm_certificate.certs[&quot;a|b`c&quot;]\"");
    REQUIRE(cert != std::string::npos);
    const std::string cert_case = errors.substr(cert, errors.find("</testcase>", cert) - cert);
    CHECK(cert_case.find("<failure") == std::string::npos);
    CHECK(cert_case.find("<system-out>warning CL201 unused-certificate\n") != std::string::npos);
    CHECK(cert_case.find("\nnote CL305 wildcard-certificate\n") != std::string::npos);

    RenderOptions never;
    never.fail_on = std::nullopt;
    const std::string none = render_junit(r, never);
    CHECK(none.find("failures=\"0\"") != std::string::npos);
    CHECK(count(none, "<failure ") == 0);
    CHECK(count(none, "<system-out>") == 2);
}

TEST_CASE("sarif: paths relative to %SRCROOT%, suppressed findings, versioned help", "[report]") {
    const Model m = hostile_model();
    Report r = hostile_report(m);
    r.inputs[0].path = "./plans/../plans/prod plan.json";
    r.findings[1].file = r.inputs[0].path;
    SuppressedFinding waived{r.findings[1], "external", "accepted until the migration"};
    waived.finding.rule_id = "CL001";
    r.suppressed.push_back(waived);
    SuppressedFinding baselined{r.findings[2], "external", "baseline"};
    r.suppressed.push_back(baselined);
    const auto doc = nlohmann::json::parse(render_sarif(r));
    const auto& run = doc["runs"][0];
    CHECK(run["originalUriBaseIds"]["%SRCROOT%"].contains("description"));
    CHECK_FALSE(run["originalUriBaseIds"]["%SRCROOT%"].contains("uri"));  // no machine paths
    CHECK(run["artifacts"][0]["location"] ==
          nlohmann::json({{"uri", "plans/prod%20plan.json"}, {"uriBaseId", "%SRCROOT%"}}));
    const auto& results = run["results"];
    REQUIRE(results.size() == 5);
    CHECK(results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
          "plans/prod%20plan.json");
    for (int i = 0; i < 3; ++i) CHECK_FALSE(results[i].contains("suppressions"));
    CHECK(results[3]["ruleId"] == "CL001");
    CHECK(results[3]["suppressions"] ==
          nlohmann::json::array({{{"kind", "external"},
                                  {"status", "accepted"},
                                  {"justification", "accepted until the migration"}}}));
    CHECK(results[4]["ruleId"] == "CL305");
    CHECK(results[4]["suppressions"][0]["justification"] == "baseline");
    std::string v = version();
    v = v.substr(0, v.find(' '));
    CHECK(run["tool"]["driver"]["rules"][0]["helpUri"] ==
          "https://github.com/certlint/certlint/blob/v" + v + "/docs/rules/CL001.md");

    // With a source root, absolute paths under it become relative, others stay file://.
    r.source_root = "/repo";
    r.inputs = {{"/repo/infra/plan.json", InputKind::TerraformPlan},
                {"/elsewhere/t.yaml", InputKind::CloudFormation}};
    const auto rooted = nlohmann::json::parse(render_sarif(r));
    CHECK(rooted["runs"][0]["artifacts"][0]["location"] ==
          nlohmann::json({{"uri", "infra/plan.json"}, {"uriBaseId", "%SRCROOT%"}}));
    CHECK(rooted["runs"][0]["artifacts"][1]["location"] ==
          nlohmann::json({{"uri", "file:///elsewhere/t.yaml"}}));
}

TEST_CASE("markdown: summary table, findings by resource, mermaid graph", "[report]") {
    const Model m = hostile_model();
    const std::string out = render_markdown(hostile_report(m));
    INFO(out);
    CHECK(out.rfind("## certlint\n\n**3 findings** (1 error, 1 warning, 1 note) in 1 input: "
                    "1 certificate, 2 consumers.\n",
                    0) == 0);
    CHECK(out.find("| Rule | Severity | Findings |") != std::string::npos);
    CHECK(out.find("`` edge-certificate-not-us-east-1 ``") == std::string::npos);
    // Resource headings are code spans long enough for the backticks inside.
    CHECK(out.find("#### ``aws_acm_certificate.certs[\"a|b`c\"]``") != std::string::npos);
    CHECK(out.find("<b>") == std::string::npos);
    CHECK(out.find("\\<b\\>\\|\\`x\\`\\</b\\>") != std::string::npos);
    // Each rule's fix once, folded, after the findings.
    CHECK(out.find("### How to fix\n\n<details><summary>CL101 `edge-certificate-not-us-east-1`"
                   "</summary>\n\nUse a us-east-1 provider:") != std::string::npos);
    CHECK(count(out, "<details><summary>") == 3);  // one per rule that fired
    CHECK(out.find("### How to fix") > out.find("### Findings by resource"));
    // The graph: certificate -> validation -> listener; certificate -> CDN failing (CL101).
    const auto start = out.find("```mermaid\nflowchart LR\n");
    REQUIRE(start != std::string::npos);
    const std::string graph = out.substr(start);
    CHECK(graph.find("cert0[\"aws_acm_certificate.certs[#34;a|b#96;c#34;]<br/>eu-west-1\"]") !=
          std::string::npos);
    CHECK(graph.find("use0(\"aws_cloudfront_distribution.cdn[#34;#60;x#62;#38;\\#34;y#34;]\")") !=
          std::string::npos);
    CHECK(graph.find("cert0 --> val0\n") != std::string::npos);
    CHECK(graph.find("val0 --> use1\n") != std::string::npos);
    CHECK(graph.find("cert0 -->|\"CL101\"| use0\n") != std::string::npos);
    CHECK(graph.find("linkStyle 1 stroke:#cf222e") != std::string::npos);
    CHECK(graph.find("class cert0,use0 failing\n") != std::string::npos);
    CHECK(graph.find("```\n", 3) == graph.size() - 4);
}

TEST_CASE("markdown lists notes (waivers, undecided values) folded, at most 50", "[report]") {
    Model m;
    Report r;
    r.graph = graph_of(m);
    r.notes = {"waiver for CL203 on *x* expired on 2026-01-31 and no longer applies"};
    std::string out = render_markdown(r);
    CHECK(out.find("<details><summary>1 note</summary>\n\n- waiver for CL203 on \\*x\\* expired") !=
          std::string::npos);
    r.notes.assign(60, "n");
    out = render_markdown(r);
    CHECK(count(out, "- n\n") == 50);
    CHECK(out.find("- and 10 more (run certlint --verbose)") != std::string::npos);
}

TEST_CASE("markdown of a clean run", "[report]") {
    Model m;
    Report r;
    r.graph = graph_of(m);
    const std::string out = render_markdown(r);
    CHECK(out.find("No findings.") != std::string::npos);
    CHECK(out.find("mermaid") == std::string::npos);
    CHECK(out.find("<details>") == std::string::npos);
}

namespace {

// A report the size of a big plan: `groups` certificates, each used by a consumer; every
// `every`-th consumer has a finding; `findings` findings in all, with a long fix each.
Report big_report(std::size_t groups, std::size_t every, std::size_t findings) {
    Report r;
    r.inputs = {{"plan.json", InputKind::TerraformPlan}};
    const std::string fix(1500, 'x');
    for (std::size_t i = 0; i < groups; ++i) {
        const std::string key = "module.site[\"group-" + std::to_string(i) + ".example.com\"]";
        ReportGraph::Certificate c;
        c.resource = {"plan.json", key + ".aws_acm_certificate.this", "aws_acm_certificate",
                      "plan.json"};
        c.place = "us-east-1";
        c.step = {"DNS validation", "records: yes, waiter: yes"};
        r.graph.certificates.push_back(c);
        ReportGraph::Consumer u;
        u.resource = {"plan.json", key + ".aws_lb_listener_certificate.this",
                      "aws_lb_listener_certificate", "plan.json"};
        u.links.push_back({i, "", true, c.resource.id});
        r.graph.consumers.push_back(u);
    }
    for (std::size_t n = 0; n < findings; ++n) {
        const std::size_t i = (n * every) % groups;
        Finding f;
        f.rule_id = n % 2 == 0 ? "CL102" : "CL003";
        f.rule = n % 2 == 0 ? "certificate-region-mismatch" : "validation-not-awaited";
        f.message =
            "listener certificate in eu-west-1 uses a certificate in us-east-1; ACM "
            "certificates are regional and must be in the consumer's region";
        f.resource = r.graph.consumers[i].resource.id;
        f.certificate = r.graph.certificates[i].resource.id;
        f.file = "plan.json";
        f.remediation = fix + std::to_string(n % 2);
        r.findings.push_back(f);
    }
    r.summary.error = static_cast<int>(findings);
    r.summary.certificates = r.summary.consumers = static_cast<int>(groups);
    return r;
}

std::size_t mermaid_chars(const std::string& md) {
    const auto start = md.find("```mermaid\n");
    if (start == std::string::npos) return 0;
    const auto body = start + std::string("```mermaid\n").size();
    return md.find("```\n", body) - body;
}

}  // namespace

TEST_CASE("markdown stays under GitHub's 1 MiB summary and Mermaid's 50,000 characters",
          "[report][markdown]") {
    // 2,000 groups, every 10th with a finding: 200 flagged consumers (68 KB of Mermaid before).
    const std::string graph = render_markdown(big_report(2000, 10, 200));
    INFO(graph.substr(0, 2000));
    CHECK(mermaid_chars(graph) <= 50000);
    CHECK(mermaid_chars(graph) > 40000);  // cut to the limit, not to nothing
    CHECK(graph.find("resources with findings (2000 certificates and 2000 consumers in total); "
                     "the graph would exceed Mermaid's 50000 characters. Every finding is "
                     "listed above.") != std::string::npos);
    CHECK(graph.find("Showing ") != std::string::npos);
    CHECK(graph.find("not shown here") == std::string::npos);  // 200 findings all listed
    CHECK(count(graph, "- **error** [CL102]") == 100);

    // 8,000 findings (1.4 MB before with 800): the list stops and says how many it left out.
    const std::string many = render_markdown(big_report(2000, 1, 8000));
    CHECK(many.size() < 1024 * 1024);
    CHECK(mermaid_chars(many) <= 50000);
    const auto cut = many.find(
        " not shown here**, to keep this report under GitHub's 1 MiB job "
        "summary limit: see the SARIF or JSON report, or run certlint.");
    REQUIRE(cut != std::string::npos);
    const std::size_t listed = count(many, "\n- **error** [CL");
    const std::string said = many.substr(many.rfind("**", cut - 1) + 2, cut);
    CHECK(said.rfind(std::to_string(8000 - listed) + " more findings on ", 0) == 0);
    CHECK(count(many, "<details><summary>") == 2);  // each rule's fix once

    // A small graph is drawn whole.
    const std::string small = render_markdown(big_report(20, 10, 2));
    CHECK(small.find("Showing ") == std::string::npos);
    CHECK(count(small, "(\"module.site") == 20);
}
