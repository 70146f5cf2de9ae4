// CloudFormation and SAM templates, JSON or YAML: a JSON document whose first deciding
// top-level key is a template's (AWSTemplateFormatVersion, Resources) rather than a
// Terraform document's format_version; any other text that looks like a template, or that
// the user named (read as a template, the reader says what is wrong with it).
#include <string>
#include <string_view>
#include <utility>

#include "readers/cfn_stack.hpp"
#include "readers/reader.hpp"

namespace certlint::readers {
namespace {

class CloudFormationReader : public Reader {
public:
    InputKind kind() const override { return InputKind::CloudFormation; }
    std::string_view what() const override { return "a CloudFormation template"; }

    Sniff sniff(const Peek& peek) const override {
        switch (peek.shape) {
            case Peek::Shape::Directory:
            case Peek::Shape::JsonArray: return Sniff::No;
            case Peek::Shape::Text:
                return peek.named || looks_like_cloudformation(std::string(peek.text)) ? Sniff::Yes
                                                                                       : Sniff::No;
            case Peek::Shape::JsonObject: break;
        }
        for (const std::string& key : peek.keys) {
            if (key == "format_version") return Sniff::No;
            if (key == "AWSTemplateFormatVersion" || key == "Resources") return Sniff::Yes;
        }
        return peek.complete ? Sniff::No : Sniff::Maybe;
    }

    void read(Model& model, Source& source, const LoadOptions& opts) const override {
        const std::string& path = source.path();
        cfn::Document doc;
        if (source.is_json()) {
            const auto scanner = source.json();
            doc = cfn::parse_json_template(*scanner);
        } else {
            doc = cfn::parse_document(path, source.text());
        }
        const std::size_t input = add_input(model, path, kind());
        read_cloudformation(model, input, path, std::move(doc), opts);
    }
};

}  // namespace

const Reader& cloudformation_reader() {
    static const CloudFormationReader reader;
    return reader;
}

}  // namespace certlint::readers
