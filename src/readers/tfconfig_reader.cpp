// Terraform configurations (spec §6): a directory holding `.tf` / `.tf.json` files is a root
// module, unless a plan or state lies beside them (the sources then serve the plan).
#include <string>
#include <string_view>

#include "readers/reader.hpp"
#include "readers/tfconfig.hpp"

namespace certlint::readers {
namespace {

class TerraformConfigReader : public Reader {
public:
    InputKind kind() const override { return InputKind::TerraformConfig; }
    std::string_view what() const override { return {}; }

    Sniff sniff(const Peek& peek) const override {
        if (peek.shape != Peek::Shape::Directory) return Sniff::No;
        const std::string dir(peek.path);
        if (!has_terraform_files(dir) || has_terraform_plan_beside(dir)) return Sniff::No;
        return Sniff::Yes;
    }

    void read(Model& model, Source& source, const LoadOptions& opts) const override {
        read_terraform_config(model, source.path(), opts);
    }
};

}  // namespace

const Reader& terraform_config_reader() {
    static const TerraformConfigReader reader;
    return reader;
}

}  // namespace certlint::readers
