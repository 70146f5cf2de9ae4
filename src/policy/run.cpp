// Custom policies at run time: the vocabulary views of a model (built once for all policies),
// the findings of one policy, and the process's installed policy set.
#include <algorithm>
#include <atomic>
#include <cctype>
#include <mutex>

#include <fmt/format.h>

#include "certlint/view.hpp"
#include "policy/condition.hpp"

namespace certlint::policy {

Views build_views(const Model& m) {
    Views v;
    v.certificates.reserve(m.certificates.size());
    // One pass over the consumers for all certificates: view::certificate(m, c) alone scans
    // every consumer per certificate (8,600 x 17,200 pairs on the benchmark plan).
    const auto users = view::consumers_by_certificate(m);
    for (std::size_t i = 0; i < m.certificates.size(); ++i) {
        const Certificate& c = m.certificates[i];
        if (leaves(c.action)) continue;  // gone after this deploy: nothing to hold it to
        v.certificates.push_back({i, std::nullopt, view::certificate(m, c, users), {}});
    }
    for (std::size_t i = 0; i < m.consumers.size(); ++i) {
        const Consumer& k = m.consumers[i];
        if (leaves(k.action)) continue;
        // Once per certificate it may use (view::certificates_of), or once with none.
        for (const Certificate* c : view::certificates_of(m, k)) {
            std::optional<std::size_t> index;
            if (c != nullptr) index = static_cast<std::size_t>(c - m.certificates.data());
            v.consumers.push_back({i, index, view::consumer(m, k, c), {}});
        }
    }
    for (Views::Item& item : v.certificates) item.slots = field_slots(On::Certificate, item.view);
    for (Views::Item& item : v.consumers) item.slots = field_slots(On::Consumer, item.view);
    return v;
}

std::string format_message(const std::string& message, const std::string& resource,
                           const std::vector<std::string>& failing) {
    std::string joined;
    for (const std::string& f : failing) joined += (joined.empty() ? "" : ", ") + f;
    std::string out;
    out.reserve(message.size() + resource.size() + joined.size());
    for (std::size_t i = 0; i < message.size();) {
        const std::string_view rest = std::string_view(message).substr(i);
        if (rest.starts_with("{resource}")) {
            out += resource;
            i += 10;
        } else if (rest.starts_with("{failing}")) {
            out += joined;
            i += 9;
        } else {
            out += message[i++];
        }
    }
    return out;
}

namespace {

// One policy on one object: a finding when `require` is false, a note when undecided.
void check(const CustomPolicy& p, const Views::Item& item, const Model& m, const RuleContext& ctx,
           std::vector<RawFinding>& out) {
    const std::string& address =
        p.on == On::Certificate ? m.certificates[item.index].id : m.consumers[item.index].id;
    const auto undecided = [&](const char* part, const Outcome& o) {
        const std::string of = p.on == On::Consumer && item.certificate
                                   ? " for " + m.certificates[*item.certificate].id
                                   : std::string();
        ctx.note(fmt::format("{}: {} undecided{}: {} {}", address, p.meta.id, of, part, o.unknown));
    };
    if (p.where) {
        const Outcome w = evaluate(*p.where, item.view, false, &item.slots);
        if (w.result == Tri::False) return;
        if (w.result == Tri::Undecided) {
            undecided("whether it applies:", w);
            return;
        }
    }
    Outcome r = evaluate(*p.require, item.view, false, &item.slots);
    if (r.result == Tri::True) return;
    if (r.result == Tri::Undecided) {
        undecided("require:", r);
        return;
    }
    r = evaluate(*p.require, item.view, true, &item.slots);  // again, collecting what failed
    RawFinding f;
    f.resource = address;
    f.message = format_message(p.message, address, r.failing);
    if (p.on == On::Certificate) {
        const Certificate& c = m.certificates[item.index];
        f.input = c.input;
        f.location = c.location;
    } else {
        const Consumer& k = m.consumers[item.index];
        if (item.certificate) f.certificate = m.certificates[*item.certificate].id;
        f.input = k.input;
        f.location = k.location;
    }
    out.push_back(std::move(f));
}

}  // namespace

void run_policy(const CustomPolicy& p, const Views& views, const Model& m, const RuleContext& ctx,
                std::vector<RawFinding>& out) {
    run_policies({{&p, &ctx, &out}}, views, m);
}

void run_policies(const std::vector<PolicyRun>& runs, const Views& views, const Model& m) {
    // Object by object, every policy on it while its view is in the cache: policy by policy,
    // each pass over thousands of views would fetch them from memory again.
    for (const On on : {On::Certificate, On::Consumer}) {
        const auto& items = on == On::Certificate ? views.certificates : views.consumers;
        for (const Views::Item& item : items) {
            for (const PolicyRun& run : runs) {
                if (run.policy->on == on) check(*run.policy, item, m, *run.ctx, *run.out);
            }
        }
    }
}

// ---- The installed set ----------------------------------------------------------------

namespace {

struct Installed {
    std::mutex mutex;
    std::shared_ptr<const PolicySet> set;
};

Installed& state() {
    static Installed s;
    return s;
}

bool same_text(const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace

void install(std::shared_ptr<const PolicySet> set) {
    std::vector<Policy> customs;
    if (set) {
        for (const CustomPolicy& p : set->policies) customs.push_back(p.meta);
    }
    Installed& s = state();
    {
        const std::lock_guard<std::mutex> lock(s.mutex);
        s.set = std::move(set);
    }
    set_catalog_customs(std::move(customs));
}

std::shared_ptr<const PolicySet> installed() {
    Installed& s = state();
    const std::lock_guard<std::mutex> lock(s.mutex);
    return s.set;
}

const CustomPolicy* find_installed(const std::string& id_or_name) {
    const std::shared_ptr<const PolicySet> set = installed();
    if (!set) return nullptr;
    for (const CustomPolicy& p : set->policies) {
        if (same_text(p.meta.id, id_or_name) || same_text(p.meta.name, id_or_name)) return &p;
    }
    return nullptr;
}

}  // namespace certlint::policy
