// CDK cloud assemblies: a directory with a manifest.json that is cdk.out (or has a
// tree.json, or lies beside a cdk.out), read by read_cdk_assembly.
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

#include "readers/reader.hpp"

namespace certlint::readers {
namespace {

namespace fs = std::filesystem;

bool is_cdk_assembly(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_regular_file(dir / "manifest.json", ec)) return false;
    return fs::exists(dir / "tree.json", ec) || dir.filename() == "cdk.out" ||
           fs::exists(dir / "cdk.out", ec);
}

class CdkAssemblyReader : public Reader {
public:
    InputKind kind() const override { return InputKind::CdkAssembly; }
    std::string_view what() const override { return {}; }

    Sniff sniff(const Peek& peek) const override {
        if (peek.shape != Peek::Shape::Directory) return Sniff::No;
        return is_cdk_assembly(fs::path(peek.path)) ? Sniff::Yes : Sniff::No;
    }

    void read(Model& model, Source& source, const LoadOptions& opts) const override {
        read_cdk_assembly(model, source.path(), opts);
    }
};

}  // namespace

const Reader& cdk_assembly_reader() {
    static const CdkAssemblyReader reader;
    return reader;
}

}  // namespace certlint::readers
