// Input kinds and families: their contract names and how kinds group into families.
#include "certlint/model.hpp"

namespace certlint {

const char* to_string(InputKind kind) {
    switch (kind) {
        case InputKind::TerraformPlan: return "terraform-plan";
        case InputKind::TerraformState: return "terraform-state";
        case InputKind::TerraformConfig: return "terraform-config";
        case InputKind::CloudFormation: return "cloudformation";
        case InputKind::CdkAssembly: return "cdk-assembly";
        case InputKind::AcmInventory: return "acm-inventory";
    }
    return "unknown";
}

InputFamily family_of(InputKind kind) {
    switch (kind) {
        case InputKind::TerraformPlan:
        case InputKind::TerraformState:
        case InputKind::TerraformConfig: return InputFamily::Terraform;
        case InputKind::CloudFormation:
        case InputKind::CdkAssembly: return InputFamily::CloudFormation;
        case InputKind::AcmInventory: return InputFamily::Inventory;
    }
    return InputFamily::Terraform;
}

const char* to_string(InputFamily family) {
    switch (family) {
        case InputFamily::Terraform: return "terraform";
        case InputFamily::CloudFormation: return "cloudformation";
        case InputFamily::Inventory: return "inventory";
    }
    return "unknown";
}

const char* display_name(InputFamily family) {
    switch (family) {
        case InputFamily::Terraform: return "Terraform";
        case InputFamily::CloudFormation: return "CloudFormation";
        case InputFamily::Inventory: return "ACM inventory";
    }
    return "unknown";
}

const std::vector<InputKind>& all_input_kinds() {
    static const std::vector<InputKind> all = {
        InputKind::TerraformPlan,  InputKind::TerraformState, InputKind::TerraformConfig,
        InputKind::CloudFormation, InputKind::CdkAssembly,    InputKind::AcmInventory,
    };
    return all;
}

const std::vector<InputFamily>& all_input_families() {
    static const std::vector<InputFamily> all = {
        InputFamily::Terraform, InputFamily::CloudFormation, InputFamily::Inventory};
    return all;
}

}  // namespace certlint
