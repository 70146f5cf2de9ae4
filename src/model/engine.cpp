// Runs the registered rules over a model and turns their raw findings into a
// report: policy metadata, severity overrides, suppressions, waivers,
// fingerprints, order.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <deque>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "base/glob.hpp"
#include "base/time.hpp"
#include "certlint/engine.hpp"
#include "certlint/rule.hpp"
#include "model/source_root.hpp"
#include "policy/policy.hpp"

#ifndef CERTLINT_VERSION
#define CERTLINT_VERSION "0.0.0"
#endif

namespace certlint {

const char *version() { return CERTLINT_VERSION; }

namespace {

std::string fingerprint(const std::string &rule, const std::string &resource,
                        const std::string &file) {
  std::uint64_t h = 1469598103934665603ULL; // FNV-1a 64
  for (const std::string *part : {&rule, &resource, &file}) {
    for (const unsigned char c : *part) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    h ^= 0xFF;
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

std::string current_time_rfc3339() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return base::format_rfc3339(
      std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

// Rule suppressions declared on resources (CloudFormation Metadata, Terraform
// certlint:ignore comments), by resource id.
struct ResourceSuppressions {
  const std::vector<std::string> *rules;
  const std::vector<std::pair<std::string, std::string>> *reasons;
};
std::unordered_map<std::string, ResourceSuppressions>
suppressions(const Model &m) {
  std::unordered_map<std::string, ResourceSuppressions> out;
  for (const Certificate &c : m.certificates) {
    if (!c.suppressed.empty())
      out.emplace(c.id,
                  ResourceSuppressions{&c.suppressed, &c.suppression_reasons});
  }
  for (const Consumer &c : m.consumers) {
    if (!c.suppressed.empty())
      out.emplace(c.id,
                  ResourceSuppressions{&c.suppressed, &c.suppression_reasons});
  }
  return out;
}

// The justification of an in-source suppression: the reason it gives, if any.
std::string suppression_reason(const ResourceSuppressions &s,
                               const std::string &rule_id) {
  for (const auto &[id, reason] : *s.reasons) {
    if (id == rule_id && !reason.empty())
      return reason;
  }
  return "ignored on the resource (certlint ignore)";
}

// The first waiver that covers the finding (`globs`: each waiver's resource
// glob, compiled); expired waivers add a note and do not apply.
const Waiver *waiver_for(const std::vector<Waiver> &waivers,
                         const std::vector<base::Glob> &globs, const Finding &f,
                         const std::string &today,
                         std::vector<std::string> &notes) {
  for (std::size_t i = 0; i < waivers.size(); ++i) {
    const Waiver &w = waivers[i];
    if (w.rule != f.rule_id && w.rule != f.rule)
      continue;
    if (!globs[i].matches(f.resource))
      continue;
    if (!w.expires.empty() && w.expires < today) {
      notes.push_back(
          fmt::format("waiver for {} on {} expired on {} and no longer applies",
                      w.rule, w.resource_glob, w.expires));
      continue;
    }
    return &w;
  }
  return nullptr;
}

} // namespace

bool is_rfc3339(std::string_view text) {
  return base::parse_rfc3339(text).has_value();
}

ReportGraph graph_of(const Model &m) {
  const auto resource = [&](std::size_t input, const std::string &id,
                            const std::string &type,
                            const std::optional<SourceLocation> &location) {
    CheckedResource r;
    r.input = input < m.inputs.size() ? m.inputs[input].path : std::string();
    r.id = id;
    r.type = type;
    r.file =
        location && !location->file.empty() ? location->file.str() : r.input;
    return r;
  };
  ReportGraph g;
  for (const Certificate &c : m.certificates) {
    ReportGraph::Certificate node;
    node.resource = resource(c.input, c.id, c.type, c.location);
    node.place = c.region.known() ? c.region.value->str() : "region unknown";
    const bool validated = !is_exempt_from_validation(c) &&
                           (!c.validation_method.empty() ||
                            c.has_validation_records || c.has_waiter);
    if (validated) {
      node.step = {(c.validation_method.empty() ? "?" : c.validation_method) +
                       " validation",
                   fmt::format("records: {}, waiter: {}",
                               c.has_validation_records ? "yes" : "no",
                               c.has_waiter ? "yes" : "no")};
    }
    g.certificates.push_back(std::move(node));
  }
  for (const Consumer &c : m.consumers) {
    ReportGraph::Consumer node;
    node.resource = resource(c.input, c.id, c.type, c.location);
    for (const Attachment &a : c.attachments) {
      for (const CertCandidate &cand : a.candidates) {
        ReportGraph::Link link;
        if (cand.certificate) {
          if (*cand.certificate >= m.certificates.size())
            continue;
          link.certificate = *cand.certificate;
        } else if (cand.arn) {
          link.arn = *cand.arn;
        } else {
          continue; // nothing to draw it from
        }
        link.via_step = cand.awaits_validation;
        link.name = candidate_name(m, cand);
        node.links.push_back(std::move(link));
      }
    }
    g.consumers.push_back(std::move(node));
  }
  return g;
}

void count_findings(Report &report) {
  Summary &s = report.summary;
  s.error = s.warning = s.note = 0;
  for (const Finding &f : report.findings) {
    switch (f.severity) {
    case Severity::Error:
      ++s.error;
      break;
    case Severity::Warning:
      ++s.warning;
      break;
    case Severity::Note:
      ++s.note;
      break;
    }
  }
}

Report run_rules(const Model &model, const RunOptions &opts) {
  Report report;
  report.inputs = model.inputs;
  report.notes = model.notes;
  report.source_root = find_source_root();
  const std::string now = opts.now.empty() ? current_time_rfc3339() : opts.now;
  const std::string today = now.substr(0, 10);
  const auto suppressed_by = suppressions(model);
  std::vector<base::Glob> waiver_globs;
  for (const Waiver &w : opts.waivers)
    waiver_globs.emplace_back(w.resource_glob);
  // Each input's path as fingerprints name it, found once per input.
  std::unordered_map<std::size_t, std::string> fingerprint_paths;
  const auto input_path = [&](std::size_t input) -> const std::string & {
    auto it = fingerprint_paths.find(input);
    if (it == fingerprint_paths.end()) {
      const std::string path =
          input < model.inputs.size() ? model.inputs[input].path : "";
      it = fingerprint_paths
               .emplace(input, repository_path(path, report.source_root))
               .first;
    }
    return it->second;
  };
  // One rule's raw findings into the report: metadata, severity, suppressions,
  // waivers.
  const auto emit = [&](const Policy &policy, const RuleSettings *s,
                        std::vector<RawFinding> &raw) {
    for (RawFinding &r : raw) {
      Finding f;
      f.rule_id = policy.id;
      f.rule = policy.name;
      // A configured severity wins over the rule's own escalation (e.g. CL205
      // expired).
      f.severity = s != nullptr && s->severity
                       ? *s->severity
                       : r.severity.value_or(policy.severity);
      f.message = std::move(r.message);
      f.resource = std::move(r.resource);
      f.certificate = std::move(r.certificate);
      f.file = r.input < model.inputs.size() ? model.inputs[r.input].path : "";
      f.location = std::move(r.location);
      const Input *in =
          r.input < model.inputs.size() ? &model.inputs[r.input] : nullptr;
      f.remediation = policy.remediation_for(
          in != nullptr ? family_of(in->kind) : InputFamily::CloudFormation);
      // The same file however its path was typed (./x, x, absolute, another
      // directory).
      f.fingerprint = fingerprint(f.rule_id, f.resource, input_path(r.input));
      const auto suppressed = suppressed_by.find(f.resource);
      if (suppressed != suppressed_by.end() &&
          suppresses(*suppressed->second.rules, policy.id.c_str())) {
        std::string reason = suppression_reason(suppressed->second, policy.id);
        report.suppressed.push_back(
            {std::move(f), "inSource", std::move(reason)});
        continue;
      }
      if (const Waiver *w =
              waiver_for(opts.waivers, waiver_globs, f, today, report.notes)) {
        report.notes.push_back(fmt::format("{} on {} waived: {}", f.rule_id,
                                           f.resource, w->reason));
        report.suppressed.push_back({std::move(f), "external", w->reason});
        continue;
      }
      report.findings.push_back(std::move(f));
    }
  };
  // The settings of a rule, and whether it runs.
  const auto settings_of =
      [&](const Policy &policy) -> std::pair<const RuleSettings *, bool> {
    const auto settings = opts.rules.find(policy.id);
    const RuleSettings *s =
        settings == opts.rules.end() ? nullptr : &settings->second;
    return {s, s != nullptr && s->enabled ? *s->enabled : policy.enabled};
  };
  for (const RuleEntry &entry : rule_registry()) {
    const Policy *policy = find_policy(entry.id);
    if (policy == nullptr)
      continue; // the meta-test guarantees this does not happen
    const auto [s, enabled] = settings_of(*policy);
    if (!enabled)
      continue;
    RuleContext ctx{*policy, policy->options, now, &report.notes};
    if (s != nullptr) {
      for (const auto &[k, v] : s->options)
        ctx.options[k] = v;
    }
    std::vector<RawFinding> raw;
    entry.check(model, ctx, raw);
    emit(*policy, s, raw);
  }
  // Custom policies (section 8): the vocabulary views are built once, and every
  // policy evaluated on each of them in one pass.
  if (const auto custom = policy::installed()) {
    struct Enabled {
      const policy::CustomPolicy *policy;
      const RuleSettings *settings;
      RuleContext ctx;
      std::vector<RawFinding> raw;
    };
    std::deque<Enabled> enabled; // stable addresses for the runs below
    std::vector<policy::PolicyRun> runs;
    for (const policy::CustomPolicy &p : custom->policies) {
      const auto [s, on] = settings_of(p.meta);
      if (!on)
        continue;
      enabled.push_back(
          {&p, s, RuleContext{p.meta, p.meta.options, now, &report.notes}, {}});
      runs.push_back({&p, &enabled.back().ctx, &enabled.back().raw});
    }
    if (!runs.empty()) {
      const policy::Views views = policy::build_views(model, runs);
      policy::run_policies(runs, views, model);
    }
    for (Enabled &e : enabled)
      emit(e.policy->meta, e.settings, e.raw);
  }
  const auto before = [](const Finding &a, const Finding &b) {
    return std::tie(a.file, a.resource, a.rule_id, a.certificate) <
           std::tie(b.file, b.resource, b.rule_id, b.certificate);
  };
  std::stable_sort(report.findings.begin(), report.findings.end(), before);
  std::stable_sort(report.suppressed.begin(), report.suppressed.end(),
                   [&](const SuppressedFinding &a, const SuppressedFinding &b) {
                     return before(a.finding, b.finding);
                   });
  report.findings.erase(
      std::unique(report.findings.begin(), report.findings.end(),
                  [](const Finding &a, const Finding &b) {
                    return a.file == b.file && a.resource == b.resource &&
                           a.rule_id == b.rule_id &&
                           a.certificate == b.certificate;
                  }),
      report.findings.end());
  report.suppressed.erase(
      std::unique(report.suppressed.begin(), report.suppressed.end(),
                  [&](const SuppressedFinding &a, const SuppressedFinding &b) {
                    return !before(a.finding, b.finding) &&
                           !before(b.finding, a.finding);
                  }),
      report.suppressed.end());
  count_findings(report);
  report.summary.certificates = static_cast<int>(model.certificates.size());
  report.summary.consumers = static_cast<int>(model.consumers.size());
  return report;
}

} // namespace certlint
