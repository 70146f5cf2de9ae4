// Custom policies at run time: the vocabulary views of a model (built once for all policies),
// the findings of one policy, and the process's installed policy set.
#include <algorithm>
#include <atomic>
#include <cctype>
#include <deque>
#include <mutex>

#include <fmt/format.h>

#include "base/ascii.hpp"
#include "certlint/view.hpp"
#include "policy/condition.hpp"

namespace certlint::policy {

// The views' storage: the JSON of each certificate's fields and of each (consumer,
// certificate) pair's, built once, and the records over them. Deques: records point into
// them, and they do not move as they grow.
struct ViewData {
    struct Item {
        std::size_t index = 0;                   // into Model::certificates or ::consumers
        std::optional<std::size_t> certificate;  // a consumer's certificate
        const Record* record = nullptr;
    };
    std::deque<nlohmann::json> fields;
    std::deque<Record> records;
    std::deque<std::vector<const Record*>> lists;
    std::vector<Item> certificates;
    std::vector<Item> consumers;  // one per (consumer, certificate it may use)
};

namespace {

constexpr std::size_t kNoCertificate = static_cast<std::size_t>(-1);

// The slot of field `name` of `on` objects.
std::size_t slot_named(On on, const char* name) {
    const std::vector<std::string>& names = slot_names(on);
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

class ViewBuilder {
public:
    ViewBuilder(const Model& m, ViewData& d)
        : m_(m),
          d_(d),
          bare_(m.certificates.size(), nullptr),
          pairs_(m.consumers.size()),
          consumers_slot_(slot_named(On::Certificate, "consumers")),
          certificate_slot_(slot_named(On::Consumer, "certificate")) {}

    void build() {
        static const nlohmann::json null_json;
        // One pass over the consumers for all certificates: a certificate's consumers from
        // an index, not by scanning every consumer per certificate.
        const auto users = view::consumers_by_certificate(m_);
        for (std::size_t i = 0; i < m_.certificates.size(); ++i) {
            if (leaves(m_.certificates[i].action)) continue;  // gone after this deploy
            // view::certificate: the fields, and "consumers" (each without "certificate").
            std::vector<const Record*>& list = d_.lists.emplace_back();
            for (const std::size_t ki : users[i]) list.push_back(pair(ki, i));
            Record& r = d_.records.emplace_back(*bare(i));
            r.slots[consumers_slot_] = Ref(&list);
            d_.certificates.push_back({i, std::nullopt, &r});
        }
        for (std::size_t i = 0; i < m_.consumers.size(); ++i) {
            const Consumer& k = m_.consumers[i];
            if (leaves(k.action)) continue;
            // Once per certificate it may use (view::certificates_of), or once with none;
            // view::consumer: the fields, and "certificate" (without "consumers") or null.
            for (const Certificate* c : view::certificates_of(m_, k)) {
                std::optional<std::size_t> index;
                if (c != nullptr) index = static_cast<std::size_t>(c - m_.certificates.data());
                Record& r = d_.records.emplace_back(*pair(i, index.value_or(kNoCertificate)));
                r.slots[certificate_slot_] = index ? Ref(bare(*index)) : Ref(&null_json);
                d_.consumers.push_back({i, index, &r});
            }
        }
    }

private:
    // The record of `fields` (an object of `on`'s fields) without its relation.
    const Record* record_of(On on, nlohmann::json fields) {
        const nlohmann::json& j = d_.fields.emplace_back(std::move(fields));
        Record& r = d_.records.emplace_back();
        r.on = on;
        const std::vector<std::string>& names = slot_names(on);
        r.slots.resize(names.size());
        for (std::size_t s = 0; s < names.size(); ++s) {
            const auto it = j.find(names[s]);
            if (it != j.end()) r.slots[s] = Ref(&*it);
        }
        return &r;
    }

    // view::certificate_fields of certificate `ci`, once.
    const Record* bare(std::size_t ci) {
        if (bare_[ci] == nullptr) {
            bare_[ci] =
                record_of(On::Certificate, view::certificate_fields(m_, m_.certificates[ci]));
        }
        return bare_[ci];
    }

    // view::consumer_fields of consumer `ki` through certificate `ci` (kNoCertificate: none),
    // once.
    const Record* pair(std::size_t ki, std::size_t ci) {
        for (const auto& [cert, record] : pairs_[ki]) {
            if (cert == ci) return record;
        }
        const Certificate* c = ci == kNoCertificate ? nullptr : &m_.certificates[ci];
        const Record* r = record_of(On::Consumer, view::consumer_fields(m_, m_.consumers[ki], c));
        pairs_[ki].emplace_back(ci, r);
        return r;
    }

    const Model& m_;
    ViewData& d_;
    std::vector<const Record*> bare_;
    std::vector<std::vector<std::pair<std::size_t, const Record*>>> pairs_;
    std::size_t consumers_slot_;
    std::size_t certificate_slot_;
};

}  // namespace

Views build_views(const Model& m) {
    auto data = std::make_shared<ViewData>();
    ViewBuilder(m, *data).build();
    return Views{std::move(data)};
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
void check(const CustomPolicy& p, const ViewData::Item& item, const Model& m,
           const RuleContext& ctx, RegexCache& regexes, std::vector<RawFinding>& out) {
    // The result alone first (nearly always all there is to it); the notes on unknown values
    // and the failing values only when they are needed.
    const Tri applies = p.where ? decide(*p.where, *item.record, &regexes) : Tri::True;
    if (applies == Tri::False) return;
    const Tri holds = applies == Tri::True ? decide(*p.require, *item.record, &regexes) : applies;
    if (holds == Tri::True) return;
    const std::string& address =
        p.on == On::Certificate ? m.certificates[item.index].id : m.consumers[item.index].id;
    if (holds == Tri::Undecided) {
        const bool where = applies == Tri::Undecided;
        const Outcome o = evaluate(where ? *p.where : *p.require, *item.record, false);
        const std::string of = p.on == On::Consumer && item.certificate
                                   ? " for " + m.certificates[*item.certificate].id
                                   : std::string();
        ctx.note(fmt::format("{}: {} undecided{}: {} {}", address, p.meta.id, of,
                             where ? "whether it applies:" : "require:", o.unknown));
        return;
    }
    const Outcome r = evaluate(*p.require, *item.record, true);  // what failed
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
    std::vector<const Condition*> roots;
    for (const PolicyRun& run : runs) {
        roots.push_back(run.policy->where.get());
        roots.push_back(run.policy->require.get());
    }
    RegexCache regexes(roots);
    for (const On on : {On::Certificate, On::Consumer}) {
        const auto& items =
            on == On::Certificate ? views.data->certificates : views.data->consumers;
        for (const ViewData::Item& item : items) {
            for (const PolicyRun& run : runs) {
                if (run.policy->on == on) check(*run.policy, item, m, *run.ctx, regexes, *run.out);
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
        if (base::ascii_iequals(p.meta.id, id_or_name) ||
            base::ascii_iequals(p.meta.name, id_or_name)) {
            return &p;
        }
    }
    return nullptr;
}

}  // namespace certlint::policy
