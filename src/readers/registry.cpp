// The one list of input readers, sorted by kind: a new input format is a new file with its
// Reader and one line here.
#include "readers/reader.hpp"

namespace certlint::readers {

const std::vector<const Reader*>& reader_registry() {
    static const std::vector<const Reader*> all = {
        &terraform_plan_reader(),
        &terraform_state_reader(),
        &terraform_config_reader(),
        &cloudformation_reader(),
        &cdk_assembly_reader(),
        &inventory_reader(),
    };
    return all;
}

}  // namespace certlint::readers
