// Custom policies at run time: the vocabulary views of a model (built once for all policies),
// the policies run over them on every core, and the process's installed policy set.
#include <algorithm>
#include <cstdint>
#include <exception>
#include <mutex>
#include <optional>

#include <fmt/format.h>

#include "base/ascii.hpp"
#include "base/parallel.hpp"
#include "certlint/view.hpp"
#include "policy/condition.hpp"

namespace certlint::policy {

// The views' storage: each certificate's fields and each (consumer, certificate) pair's, built
// once, and the records over them. Only the fields the policies read are built (a condition
// never sees the others: a whole object is only tested for existence, and the messages of
// failing objects are built from the full view). Sized before the records are made, never
// grown after: records point into it. Built and freed on every core.
struct ViewData {
    struct Item {
        std::size_t index = 0;                   // into Model::certificates or ::consumers
        std::optional<std::size_t> certificate;  // a consumer's certificate
        const Record* record = nullptr;
    };
    // A certificate's view: its fields by slot (bare: without "consumers"), and the whole
    // record.
    struct CertificateView {
        bool live = false;  // not gone after this deploy: evaluated
        std::vector<nlohmann::json> fields;
        Record bare;
        std::vector<const Record*> consumers;
        Record record;
    };
    // A consumer's view through one certificate it may use (kNoCertificate: none): its fields
    // by slot (bare: without "certificate"), and the whole record.
    struct PairView {
        std::size_t certificate = 0;
        std::vector<nlohmann::json> fields;
        Record bare;
        Record record;
    };
    std::vector<CertificateView> certificate_views;     // by certificate index
    std::vector<std::vector<PairView>> consumer_views;  // by consumer index
    std::vector<std::vector<std::size_t>> users;        // view::consumers_by_certificate
    std::vector<Item> certificates;
    std::vector<Item> consumers;  // one per (consumer, certificate it may use)

    ViewData() = default;
    ViewData(const ViewData&) = delete;
    ViewData& operator=(const ViewData&) = delete;
    ~ViewData() {
        // Thousands of small JSON values: freed on every core too (what is left, should a
        // thread not start, the members' own destructors free).
        try {
            base::parallel_for(certificate_views.size(), kChunk,
                               [&](std::size_t i) { certificate_views[i] = {}; });
            base::parallel_for(consumer_views.size(), kChunk,
                               [&](std::size_t i) { consumer_views[i] = {}; });
        } catch (...) {  // NOLINT(bugprone-empty-catch)
        }
    }

    // Objects per job: enough to outweigh starting it.
    static constexpr std::size_t kChunk = 256;
    static std::size_t chunks(std::size_t n) { return (n + kChunk - 1) / kChunk; }
};

namespace {

constexpr std::size_t kNoCertificate = static_cast<std::size_t>(-1);

// The fields of certificates ([0]) and consumers ([1]) the conditions read, by slot.
struct WantedFields {
    std::vector<bool> of[2] = {std::vector<bool>(slot_names(On::Certificate).size()),
                               std::vector<bool>(slot_names(On::Consumer).size())};

    void mark(const Condition& c) {
        if (c.op == Condition::Op::Field) {
            for (std::size_t i = 0; i < c.slots.size() && i < c.slot_ons.size(); ++i) {
                std::vector<bool>& on = of[c.slot_ons[i] == On::Certificate ? 0 : 1];
                const int slot = c.slots[i];
                if (slot >= 0 && static_cast<std::size_t>(slot) < on.size()) {
                    on[static_cast<std::size_t>(slot)] = true;
                }
            }
        }
        for (const Condition& child : c.children) mark(child);
    }
};

// The record over `fields` (by slot; those not built are absent), without its relation.
void fill_record(On on, const std::vector<nlohmann::json>& fields, const std::vector<bool>& wanted,
                 Record& r) {
    r.on = on;
    r.slots.assign(fields.size(), Ref{});
    for (std::size_t s = 0; s < fields.size(); ++s) {
        if (wanted[s]) r.slots[s] = Ref(&fields[s]);
    }
}

// view::certificate / view::consumer of every object, as records sharing their parts: a
// certificate's fields and each (consumer, certificate) pair's are built once, and the objects
// that nest them point to them.
void build_view_data(const Model& m, const WantedFields& wanted, ViewData& d) {
    static const nlohmann::json null_json;
    const auto consumers_slot = static_cast<std::size_t>(slot_of(On::Certificate, "consumers"));
    const auto certificate_slot = static_cast<std::size_t>(slot_of(On::Consumer, "certificate"));
    const std::vector<bool>& of_certificate = wanted.of[0];
    const std::vector<bool>& of_consumer = wanted.of[1];
    d.certificate_views.resize(m.certificates.size());
    d.consumer_views.resize(m.consumers.size());
    // 1. Each certificate's fields (view::certificate_fields); a consumer may still name one
    // that this deploy removes.
    base::parallel_for(m.certificates.size(), ViewData::kChunk, [&](std::size_t i) {
        ViewData::CertificateView& v = d.certificate_views[i];
        v.live = !leaves(m.certificates[i].action);
        v.fields.resize(of_certificate.size());
        view::certificate_fields(
            m, m.certificates[i], of_certificate,
            [&](std::size_t slot, nlohmann::json value) { v.fields[slot] = std::move(value); });
        fill_record(On::Certificate, v.fields, of_certificate, v.bare);
    });
    // 2. Each consumer once per certificate it may use (view::certificates_of), or once with
    // none: view::consumer_fields, and the record with "certificate" (without "consumers") or
    // null.
    base::parallel_for(m.consumers.size(), ViewData::kChunk, [&](std::size_t ki) {
        const Consumer& k = m.consumers[ki];
        const std::vector<const Certificate*> certificates = view::certificates_of(m, k);
        std::vector<ViewData::PairView>& pairs = d.consumer_views[ki];
        pairs.resize(certificates.size());
        for (std::size_t j = 0; j < certificates.size(); ++j) {
            const Certificate* c = certificates[j];
            ViewData::PairView& p = pairs[j];
            p.certificate =
                c == nullptr ? kNoCertificate : static_cast<std::size_t>(c - m.certificates.data());
            p.fields.resize(of_consumer.size());
            view::consumer_fields(
                m, k, c, of_consumer,
                [&](std::size_t slot, nlohmann::json value) { p.fields[slot] = std::move(value); });
            fill_record(On::Consumer, p.fields, of_consumer, p.bare);
            p.record = p.bare;
            p.record.slots[certificate_slot] =
                c != nullptr ? Ref(&d.certificate_views[p.certificate].bare) : Ref(&null_json);
        }
    });
    // 3. Each certificate's record: its fields and "consumers" (each without "certificate").
    d.users = view::consumers_by_certificate(m);
    base::parallel_for(m.certificates.size(), ViewData::kChunk, [&](std::size_t i) {
        ViewData::CertificateView& v = d.certificate_views[i];
        if (!v.live) return;
        for (const std::size_t ki : d.users[i]) {
            for (const ViewData::PairView& p : d.consumer_views[ki]) {
                if (p.certificate == i) v.consumers.push_back(&p.bare);
            }
        }
        v.record = v.bare;
        v.record.slots[consumers_slot] = Ref(&v.consumers);
    });
    for (std::size_t i = 0; i < m.certificates.size(); ++i) {
        if (d.certificate_views[i].live) {
            d.certificates.push_back({i, std::nullopt, &d.certificate_views[i].record});
        }
    }
    for (std::size_t ki = 0; ki < m.consumers.size(); ++ki) {
        if (leaves(m.consumers[ki].action)) continue;
        for (const ViewData::PairView& p : d.consumer_views[ki]) {
            std::optional<std::size_t> certificate;
            if (p.certificate != kNoCertificate) certificate = p.certificate;
            d.consumers.push_back({ki, certificate, &p.record});
        }
    }
}

}  // namespace

Views build_views(const Model& m, const std::vector<PolicyRun>& runs) {
    WantedFields wanted;
    for (const PolicyRun& run : runs) {
        if (run.policy->where) wanted.mark(*run.policy->where);
        if (run.policy->require) wanted.mark(*run.policy->require);
    }
    auto data = std::make_shared<ViewData>();
    build_view_data(m, wanted, *data);
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

// What one job's policies found, policy by policy: merged in job order, so that findings and
// notes come as one thread would have found them.
struct PolicyFound {
    std::vector<std::vector<RawFinding>> findings;           // by run
    std::vector<std::pair<std::size_t, std::string>> notes;  // (run, note)
};

// The whole view of the object a policy does not hold on (view::certificate /
// view::consumer, which the records stand for): what failed and which values were unknown are
// told from it. Kept for the next policy on the same object.
class FullView {
public:
    FullView(const Model& m, const ViewData& d) : m_(m), d_(d) {}

    const nlohmann::json& of(const ViewData::Item& item, On on) {
        if (item_ != &item) {
            if (on == On::Certificate) {
                object_ = view::certificate(m_, m_.certificates[item.index], d_.users);
            } else {
                object_ = view::consumer(
                    m_, m_.consumers[item.index],
                    item.certificate ? &m_.certificates[*item.certificate] : nullptr);
            }
            item_ = &item;
        }
        return object_;
    }

private:
    const Model& m_;
    const ViewData& d_;
    const ViewData::Item* item_ = nullptr;
    nlohmann::json object_;
};

// A policy's conditions in the run's Program.
struct CompiledPolicy {
    std::optional<std::uint32_t> where;
    std::uint32_t require = 0;
};

// One policy on one object: a finding when `require` is false, a note when undecided.
void check(const CustomPolicy& p, const CompiledPolicy& compiled, const Program& program,
           std::size_t run, const ViewData::Item& item, const Model& m, RegexCache& regexes,
           FullView& full, PolicyFound& found) {
    // The result alone first (nearly always all there is to it); the notes on unknown values
    // and the failing values only when they are needed.
    const Tri applies =
        compiled.where ? program.decide(*compiled.where, *item.record, regexes) : Tri::True;
    if (applies == Tri::False) return;
    const Tri holds =
        applies == Tri::True ? program.decide(compiled.require, *item.record, regexes) : applies;
    if (holds == Tri::True) return;
    const std::string& address =
        p.on == On::Certificate ? m.certificates[item.index].id : m.consumers[item.index].id;
    const nlohmann::json& object = full.of(item, p.on);
    if (holds == Tri::Undecided) {
        const bool where = applies == Tri::Undecided;
        const Outcome o = evaluate(where ? *p.where : *p.require, object, false);
        const std::string of = p.on == On::Consumer && item.certificate
                                   ? " for " + m.certificates[*item.certificate].id
                                   : std::string();
        found.notes.emplace_back(
            run, fmt::format("{}: {} undecided{}: {} {}", address, p.meta.id, of,
                             where ? "whether it applies:" : "require:", o.unknown));
        return;
    }
    const Outcome r = evaluate(*p.require, object, true);  // what failed
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
    found.findings[run].push_back(std::move(f));
}

}  // namespace

void run_policies(const std::vector<PolicyRun>& runs, const Views& views, const Model& m) {
    std::vector<const Condition*> roots;
    for (const PolicyRun& run : runs) {
        roots.push_back(run.policy->where.get());
        roots.push_back(run.policy->require.get());
    }
    const RegexSet regexes(roots);  // compiled once, matched from every thread
    Program program(regexes);
    std::vector<CompiledPolicy> compiled(runs.size());
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const CustomPolicy& p = *runs[r].policy;
        if (p.where) compiled[r].where = program.append(*p.where);
        compiled[r].require = program.append(*p.require);
    }
    // Object by object, every policy on it while its view is in the cache: policy by policy,
    // each pass over thousands of views would fetch them from memory again. The objects are
    // split into chunks, one job each, run on every core.
    struct Chunk {
        On on;
        const std::vector<ViewData::Item>* items;
        std::size_t begin;
        std::size_t end;
        std::vector<std::size_t> runs;  // the runs of policies on `on` objects
    };
    std::vector<std::size_t> runs_on[2];
    for (std::size_t r = 0; r < runs.size(); ++r) {
        runs_on[runs[r].policy->on == On::Certificate ? 0 : 1].push_back(r);
    }
    std::vector<Chunk> chunks;
    for (const On on : {On::Certificate, On::Consumer}) {
        const std::vector<std::size_t>& mine = runs_on[on == On::Certificate ? 0 : 1];
        const auto& items =
            on == On::Certificate ? views.data->certificates : views.data->consumers;
        if (mine.empty()) continue;
        for (std::size_t b = 0; b < items.size(); b += ViewData::kChunk) {
            chunks.push_back({on, &items, b, std::min(items.size(), b + ViewData::kChunk), mine});
        }
    }
    std::vector<PolicyFound> found(chunks.size());
    const std::vector<std::exception_ptr> errors =
        base::run_in_parallel(chunks.size(), [&](std::size_t c) {
            const Chunk& chunk = chunks[c];
            RegexCache cache(regexes);
            FullView full(m, *views.data);
            PolicyFound& out = found[c];
            out.findings.resize(runs.size());
            for (std::size_t i = chunk.begin; i < chunk.end; ++i) {
                const ViewData::Item& item = (*chunk.items)[i];
                for (const std::size_t r : chunk.runs) {
                    check(*runs[r].policy, compiled[r], program, r, item, m, cache, full, out);
                }
            }
        });
    for (const std::exception_ptr& e : errors) {
        if (e) std::rethrow_exception(e);
    }
    for (PolicyFound& f : found) {
        for (auto& [r, note] : f.notes) runs[r].ctx->note(std::move(note));
        for (std::size_t r = 0; r < runs.size(); ++r) {
            std::vector<RawFinding>& into = *runs[r].out;
            for (RawFinding& x : f.findings[r]) into.push_back(std::move(x));
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
