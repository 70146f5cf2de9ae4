# Policies over the graph `certlint graph --format json` writes (docs/graph.md), for OPA and
# conftest. certlint has already resolved regions, consumers across modules and stacks,
# defaults and tags; unknown values are {"$unknown": "<reason>"} objects, which these rules
# report as undecided (in `warn`) instead of guessing.
package certlint

import rego.v1

approved_zones := {"example.com", "example.net"}

required_tags := {"Owner", "CostCenter"}

is_unknown(v) if {
	is_object(v)
	is_string(v["$unknown"])
}

# a name under an approved zone (a wildcard's base name counts)
approved(name) if {
	base := trim_prefix(name, "*.")
	some zone in approved_zones
	base == zone
}

approved(name) if {
	base := trim_prefix(name, "*.")
	some zone in approved_zones
	endswith(base, concat("", [".", zone]))
}

# Certificates may only name domains in the approved zones.
deny contains msg if {
	some cert in input.certificates
	is_array(cert.domains)
	some name in cert.domains
	is_string(name)
	not approved(name)
	msg := sprintf("%s: %s is outside the approved zones", [cert.address, name])
}

# Every certificate carries the required tags.
deny contains msg if {
	some cert in input.certificates
	cert.managed
	not is_unknown(cert.tags)
	some tag in required_tags
	not cert.tags[tag]
	msg := sprintf("%s: no %s tag", [cert.address, tag])
}

# CloudFront-backed consumers only use DNS-validated certificates.
deny contains msg if {
	some e in input.edges
	e.edge
	some cert in input.certificates
	cert.id == e.to
	is_string(cert.validation_method)
	cert.validation_method != "DNS"
	some consumer in input.consumers
	consumer.id == e.from
	msg := sprintf("%s: uses %s, validated by %s, not DNS", [consumer.address, cert.address, cert.validation_method])
}

# What could not be decided before apply, and why.
warn contains msg if {
	some cert in input.certificates
	is_unknown(cert.domains)
	msg := sprintf("%s: domains not known before apply (%s)", [cert.address, cert.domains["$unknown"]])
}

warn contains msg if {
	some cert in input.certificates
	is_unknown(cert.tags)
	msg := sprintf("%s: tags not known before apply (%s)", [cert.address, cert.tags["$unknown"]])
}
