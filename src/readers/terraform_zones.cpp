// Hosted zones of validation records (private zones) and CAA record sets (terraform_graph.hpp).
#include <algorithm>
#include <optional>
#include <unordered_map>

#include "base/dns.hpp"
#include "readers/terraform_graph.hpp"

namespace certlint::readers::tf {
namespace {

struct Zone {
    std::string address;
    std::string name;
    bool is_private = false;
};

std::optional<Zone> zone_of_instance(const Instance& inst) {
    if (inst.type == "aws_route53_zone" && inst.data) {
        const json& p = member(*inst.values, "private_zone");
        return Zone{inst.address, str_or(*inst.values, "name"), p.is_boolean() && p.get<bool>()};
    }
    if (inst.type == "aws_route53_zone") {
        const json& vpc = member(*inst.values, "vpc");
        const bool has_vpc = (vpc.is_array() && !vpc.empty()) ||
                             (inst.config != nullptr && inst.config->body.has("vpc"));
        return Zone{inst.address, str_or(*inst.values, "name"), has_vpc};
    }
    return std::nullopt;
}

// Hosted zones by zone id (known ids only).
std::unordered_map<std::string, Zone> zones_by_id(const Instances& instances) {
    std::unordered_map<std::string, Zone> out;
    for (const Instance& inst : instances.all()) {
        const auto zone = zone_of_instance(inst);
        if (!zone) continue;
        for (const char* key : {"zone_id", "id"}) {
            const std::string id = str_or(*inst.values, key);
            if (!id.empty()) out.emplace(id, *zone);
        }
    }
    return out;
}

// The zones an expression (a record's zone_id) can lead to.
std::vector<Zone> zones_of(const Expression& expr, const std::string& scope,
                           const std::unordered_map<std::string, Zone>& by_id,
                           const Resolver& resolver, const Instances& instances) {
    std::vector<Zone> out;
    Resolution res = resolver.resolve(expr, scope);
    for (const Target& t : res.targets) {
        if (t.instance) {
            if (auto z = zone_of_instance(instances[*t.instance])) out.push_back(*z);
        } else if (const auto it = by_id.find(t.literal); it != by_id.end()) {
            out.push_back(it->second);
        }
    }
    return out;
}

}  // namespace

void keep_zone_values(TerraformValueKeys& keys) {
    // zone_of_instance, zones_by_id, the CAA records
    keys.values.insert(
        keys.values.end(),
        {{"private_zone"}, {"name"}, {"vpc"}, {"zone_id"}, {"id"}, {"type"}, {"records"}});
}

void Graph::link_zones_and_caa() {
    const auto by_id = zones_by_id(instances_);
    // Private hosted zones of validation records.
    for (const auto& [cert, records] : record_configs_) {
        Certificate& c = model_.certificates[cert];
        for (const auto& [scope, config] : records) {
            const Expression& zone_id = config->body.attribute("zone_id");
            for (const Zone& z : zones_of(zone_id, scope, by_id, resolver_, instances_)) {
                if (!z.is_private) continue;
                if (std::find(c.private_validation_zones.begin(), c.private_validation_zones.end(),
                              z.address) == c.private_validation_zones.end()) {
                    c.private_validation_zones.push_back(z.address);
                }
            }
        }
    }
    // Route 53 CAA record sets with known names and values; relative names are qualified
    // with their zone's name when it is known.
    for (const Instance& inst : instances_.all()) {
        if (inst.data || inst.type != "aws_route53_record" || inst.action == Action::Delete) {
            continue;
        }
        if (str_or(*inst.values, "type") != "CAA") continue;
        std::string name = str_or(*inst.values, "name");
        if (name.empty()) {
            note(inst.address + ": CAA record name is not known before apply");
            continue;
        }
        const auto zone = by_id.find(str_or(*inst.values, "zone_id"));
        name = base::qualify_name(name, zone != by_id.end() ? zone->second.name : "");
        CaaRecordSet caa;
        caa.id = inst.address;
        caa.name = name;
        add_strings(member(*inst.values, "records"), caa.values);
        model_.caa_records.push_back(std::move(caa));
    }
}

}  // namespace certlint::readers::tf
