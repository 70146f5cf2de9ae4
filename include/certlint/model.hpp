// The normalized certificate graph every reader produces and every rule reads.
// Readers know file formats; rules only know this model.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "certlint/symbol.hpp"

namespace certlint {

struct SourceLocation {
    Symbol file;
    int line = 0;
};

// What the plan/template says will happen to a resource.
enum class Action {
    Existing,  // no-op, or read from prior state/template with no change info
    Create,
    Update,
    Delete,
    ReplaceDeleteFirst,  // ["delete","create"]
    ReplaceCreateFirst,  // ["create","delete"] (create_before_destroy)
    Read,                // data source read
    // ["forget"] (a `removed` block with `destroy = false`): the object leaves the Terraform
    // state but stays deployed, unchanged; this configuration no longer manages it.
    Forget,
    // ["create","forget"] (a replacement under `lifecycle { destroy = false }`, newer than
    // Terraform 1.11): a new object is created; the old one leaves the state but stays deployed.
    ReplaceCreateForget,
};

[[nodiscard]] bool creates(Action a);  // Create or any replacement
[[nodiscard]] bool removes(Action a);  // Delete or a replacement that deletes the old object
// Delete or Forget: after this deployment the configuration no longer manages the object, so
// rules about what it configures do not apply (a forgotten object still exists and still uses
// or is used by what it did before).
[[nodiscard]] bool leaves(Action a);

// What a Terraform plan says about a change besides its action.
struct ChangeDetails {
    std::string previous_address;  // the address before a `moved` block renamed it
    bool importing = false;        // an `import` block adopts an existing object
    std::string import_id;         // the import id, when known
};

// A value that may be unknown before deploy; when unknown, `why` says why.
struct MaybeString {
    std::optional<Symbol> value;
    Symbol why;  // reason when !value
    [[nodiscard]] bool known() const { return value.has_value(); }
};

enum class CertType { AmazonIssued, Imported, Private, Unknown };

struct DomainValidation {  // CloudFormation DomainValidationOptions entry
    std::string domain;
    bool has_hosted_zone = false;
    std::string validation_domain;
};

// A tag a certificate will carry; `value` is nullopt when not known before apply (`why`).
struct Tag {
    std::string key;
    std::optional<std::string> value;
    std::string why;
};

struct Certificate {
    std::string id;         // Terraform address / CloudFormation logical id path
    Symbol type;            // resource type, e.g. aws_acm_certificate
    std::size_t input = 0;  // index into Model::inputs
    std::optional<SourceLocation> location;
    bool managed = true;  // false: data source or otherwise only looked up
    Action action = Action::Existing;
    ChangeDetails change;

    std::optional<std::string> arn;  // known ARN (existing certificates)
    MaybeString region;
    Symbol partition;  // "aws" unless known otherwise

    CertType cert_type = CertType::Unknown;
    Symbol validation_method;  // DNS, EMAIL, HTTP, NONE; empty = unknown
    bool names_known = false;
    std::string domain_name;
    std::vector<std::string> subject_alternative_names;
    std::vector<DomainValidation> domain_validations;  // CloudFormation only
    Symbol key_algorithm;  // ACM's spelling (RSA_2048, EC_prime256v1); empty = unknown/default
    Symbol transparency_logging;                       // ENABLED/DISABLED/empty
    Symbol export_option;  // Options.Export / CertificateExport: ENABLED/DISABLED/empty
    Symbol status;  // recorded status (prior state), empty = unknown
    Symbol renewal_eligibility;
    std::string not_after;         // RFC 3339, empty if unknown
    std::string certificate_body;  // PEM of imported certificates
    bool exported = false;         // leaves the deployment (root output, Export, SSM parameter)
    std::string exported_by;       // what exports it
    bool has_validation_records = false;  // something creates its validation CNAMEs
    // Names whose validation record nothing creates (CloudFormation: a name without a
    // HostedZoneId). Empty when has_validation_records decides alone.
    std::vector<std::string> names_without_validation_records;
    bool has_waiter = false;  // a validation waiter exists for it
    std::vector<std::string> validation_record_ids;
    // Why it cannot be decided whether something creates the records (e.g. a DNS record
    // resource built from Terraform locals, which the plan does not record). Empty = decided.
    std::string validation_records_undecided;
    std::vector<std::string> private_validation_zones;  // private zones its records go to
    std::vector<std::string>
        removed_validation_records;       // its validation records this deploy deletes
    // Rule ids suppressed on the resource (CloudFormation Metadata, Terraform certlint:ignore
    // comments), and the reason given for each where there is one (rule id, reason).
    std::vector<std::string> suppressed;
    std::vector<std::pair<std::string, std::string>> suppression_reasons;
    // The tags it will carry, sorted by key (Terraform tags_all, or tags over the provider's
    // default_tags; CloudFormation Tags). When the set of keys is not known before apply,
    // unknown_values has an entry "tags".
    std::vector<Tag> tags;
    // Values of the policy vocabulary (certlint/view.hpp) that are not known before apply,
    // by field name ("key_algorithm", "validation_method", "tags", ...), with why. An empty
    // value without an entry here was left out of the request: the service default applies.
    std::vector<std::pair<Symbol, std::string>> unknown_values;

    // Recorded by ACM (inventories; renewal facts from a Terraform state too). Times are
    // RFC 3339, empty when not recorded.
    std::string created_at;          // CreatedAt: when the certificate was requested
    Symbol renewal_status;           // RenewalSummary.RenewalStatus (PENDING_VALIDATION, ...)
    std::string renewal_updated_at;  // RenewalSummary.UpdatedAt
    Symbol failure_reason;           // FailureReason, else RenewalSummary.RenewalStatusReason
    // The validation CNAMEs ACM still waits for ("NAME CNAME VALUE"), of the request or of a
    // renewal pending validation.
    std::vector<std::string> pending_validation_records;
    // Whether ACM records it in use (InUseBy non-empty, or ListCertificates' InUse), which
    // an inventory knows even when it does not name the users; nullopt: not recorded (the
    // deployment's consumers decide, unless in_use_undecided says why nothing can).
    std::optional<bool> in_use;
    std::string in_use_undecided;
    // Terraform configurations (spec §6): whether its next replacement creates first, by its
    // own lifecycle or forced by a resource that depends on it; nullopt when not known (plans
    // show the order in their actions). The why: "its lifecycle", "forced by ADDRESS", or why
    // it cannot be decided.
    std::optional<bool> create_before_destroy;
    std::string create_before_destroy_why;
};

enum class ConsumerKind {
    CloudFront,
    ApiGatewayDomain,
    ApiGatewayV2Domain,
    LoadBalancerListener,
    ListenerCertificate,
    ClassicLoadBalancer,
    CognitoDomain,
    AppSyncDomain,
    AmplifyDomain,
    OpenSearchDomain,
    CloudFrontTenant,
    TransferServer,
    IotDomainConfiguration,
    ClientVpnEndpoint,
    VerifiedAccessEndpoint,
    VpcLatticeService,
    Other,  // not in the consumer catalog (hand-built models)
};

// The consumer catalog's label of the kind ("CloudFront distribution"); "resource" for Other.
[[nodiscard]] const char* to_string(ConsumerKind kind);

// One possible certificate behind one certificate argument of a consumer.
struct CertCandidate {
    std::optional<std::size_t> certificate;  // index into Model::certificates
    std::optional<std::string> arn;          // literal ARN when known
    MaybeString region;  // known region when neither the ARN nor the certificate tells it
    bool awaits_validation = false;  // reached through a validation waiter / depends_on
    std::string condition;           // CloudFormation condition that selects it, if any
};

struct Attachment {
    Symbol attribute;   // e.g. viewer_certificate.acm_certificate_arn
    bool edge = false;  // needs a us-east-1 certificate (CloudFront-backed endpoint)
    std::vector<CertCandidate> candidates;
    std::vector<std::string> unresolved;  // why some possible values could not be followed
};

struct Consumer {
    std::string id;
    Symbol type;
    ConsumerKind kind = ConsumerKind::Other;
    std::size_t input = 0;
    std::optional<SourceLocation> location;
    Action action = Action::Existing;
    ChangeDetails change;
    MaybeString region;  // for edge consumers the region does not matter
    Symbol partition;
    std::vector<std::string> domains;  // names it serves (aliases, custom domain)
    std::vector<Attachment> attachments;
    std::vector<std::string> suppressed;  // as Certificate::suppressed
    std::vector<std::pair<std::string, std::string>> suppression_reasons;
};

// A CAA record set (name and its values, e.g. `0 issue "amazon.com"`).
struct CaaRecordSet {
    std::string id;
    std::string name;
    std::vector<std::string> values;
};

// What an input is, as the reader that read it says (the contract's `kind`, spec §3).
enum class InputKind {
    TerraformPlan,
    TerraformState,
    TerraformConfig,
    CloudFormation,
    CdkAssembly,
    AcmInventory,
};
// The kinds whose findings share one way to fix them (policies' `remediation` keys).
enum class InputFamily { Terraform, CloudFormation, Inventory };

// terraform-plan, terraform-state, terraform-config, cloudformation, cdk-assembly,
// acm-inventory.
[[nodiscard]] const char* to_string(InputKind kind);
[[nodiscard]] InputFamily family_of(InputKind kind);  // a CDK assembly is CloudFormation
// terraform, cloudformation, inventory.
[[nodiscard]] const char* to_string(InputFamily family);
// Terraform, CloudFormation, ACM inventory (for headings).
[[nodiscard]] const char* display_name(InputFamily family);
// Every kind and every family, in declaration order.
[[nodiscard]] const std::vector<InputKind>& all_input_kinds();
[[nodiscard]] const std::vector<InputFamily>& all_input_families();

struct Input {
    std::string path;
    InputKind kind = InputKind::TerraformPlan;
};

struct Model {
    std::vector<Input> inputs;
    std::vector<Certificate> certificates;
    std::vector<Consumer> consumers;
    std::vector<CaaRecordSet> caa_records;
    std::vector<std::string> notes;  // what could not be decided, for --verbose
};

// ARN and region helpers shared by readers and rules.
struct ArnParts {
    std::string partition;
    std::string service;
    std::string region;
    std::string account;
    std::string resource;
};
[[nodiscard]] std::optional<ArnParts> parse_arn(const std::string& arn);
[[nodiscard]] bool is_acm_certificate_arn(const std::string& arn);
// The partition a region belongs to (aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b).
[[nodiscard]] std::string partition_of(const std::string& region);

// Model facts shared by rules and the reports that draw the model.
// How findings name a certificate candidate: the certificate's id, its ARN, or what is known.
[[nodiscard]] std::string candidate_name(const Model& m, const CertCandidate& c);
// Private, imported and NONE-validated certificates are not validated by ACM.
[[nodiscard]] bool is_exempt_from_validation(const Certificate& c);

}  // namespace certlint
