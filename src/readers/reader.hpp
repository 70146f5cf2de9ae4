// The reader interface: every input format is one Reader, listed once in the registry
// (registry.cpp). The loader (load.cpp) peeks at each input once (a directory, the first
// top-level keys of a JSON document, or the text of any other document), asks the readers in
// registry order whether the input is theirs (sniff), and hands it to the first that says
// yes; that reader reads it from its start, streaming it when it can.
//
// Adding an input format: a new file with a Reader and one line in registry.cpp.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certlint/errors.hpp"
#include "certlint/load_options.hpp"
#include "certlint/model.hpp"
#include "readers/json_scan.hpp"
#include "readers/readers.hpp"

namespace certlint::readers {

// One input: a directory, a file (a regular file that is UTF-8 JSON is streamed from disk, never
// held whole) or bytes already in memory (standard input, tests).
class Source {
public:
    // A file on disk. `named`: given by the user (rather than found by a directory scan).
    static Source file(std::string path, bool named);
    // A directory.
    static Source directory(std::string path, bool named);
    // Bytes in memory, decoded on first use.
    static Source memory(std::string path, std::string bytes, bool named);

    Source(Source&&) noexcept = default;
    Source& operator=(Source&&) noexcept = default;
    Source(const Source&) = delete;
    Source& operator=(const Source&) = delete;
    ~Source() = default;

    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] bool named() const { return named_; }
    [[nodiscard]] bool is_directory() const { return directory_; }

    // Whether the document is JSON by its start (`{` or `[` after whitespace).
    [[nodiscard]] bool is_json();
    // A scanner over the JSON document from its start: streamed from the file when it is a
    // regular UTF-8 file, else over the decoded text. Only when is_json().
    [[nodiscard]] std::unique_ptr<JsonScanner> json();
    // The whole decoded text (read and decoded on first use, then kept). InputError when the
    // document cannot be read or decoded.
    [[nodiscard]] const std::string& text();

private:
    Source(std::string path, bool named) : path_(std::move(path)), named_(named) {}
    void open();

    std::string path_;
    bool named_ = false;
    bool directory_ = false;
    bool opened_ = false;
    std::optional<JsonFile> file_;      // a streamable UTF-8 JSON file
    std::optional<std::string> bytes_;  // memory(): the bytes until decoded
    std::optional<std::string> text_;   // the decoded text, once read
};

// What the loader saw of an input, for readers to decide whether it is theirs.
struct Peek {
    enum class Shape {
        Directory,   // path is a directory
        JsonObject,  // keys: the document's top-level keys
        JsonArray,   // keys: those of its first element, when that is an object
        Text,        // any other document (YAML, ...): text is all of it
    };
    Shape shape = Shape::Text;
    std::string_view path;
    bool named = false;             // given by the user, not found by a directory scan
    std::vector<std::string> keys;  // JSON: in document order, read so far
    bool complete = true;           // JSON: keys holds them all
    std::string_view text;          // Text: the decoded document
    bool empty = false;             // JsonArray: it has no element (`[]`)

    [[nodiscard]] bool has(std::string_view key) const;
    // The position of `key` in keys, or npos.
    [[nodiscard]] std::size_t index(std::string_view key) const;
};

// A reader's answer: the input is its (Yes), is not (No), or cannot be told yet (Maybe: the
// loader reads the next top-level key of a JSON document and asks again; once keys are
// complete, Maybe counts as No).
enum class Sniff { No, Maybe, Yes };

class Reader {
public:
    virtual ~Reader() = default;

    // The kind of the inputs it reads (Input::kind of the input it adds).
    [[nodiscard]] virtual InputKind kind() const = 0;
    // What it reads, for messages about inputs no reader takes ("a CloudFormation
    // template"); empty for readers of directories.
    [[nodiscard]] virtual std::string_view what() const = 0;
    // Whether the input is its: decided from the peek alone (a directory's files may be
    // looked at).
    [[nodiscard]] virtual Sniff sniff(const Peek& peek) const = 0;
    // Reads an input it said yes to into `model`, adding one input of kind(). Throws
    // InputError naming the file when it cannot be read.
    virtual void read(Model& model, Source& source, const LoadOptions& opts) const = 0;
};

// Every reader, in the order they are asked (sorted by kind).
[[nodiscard]] const std::vector<const Reader*>& reader_registry();

// Appends an input of `kind` for `path` and returns its index.
std::size_t add_input(Model& model, const std::string& path, InputKind kind);

// The readers, each defined in its own file.
[[nodiscard]] const Reader& terraform_plan_reader();
[[nodiscard]] const Reader& terraform_state_reader();
[[nodiscard]] const Reader& terraform_config_reader();
[[nodiscard]] const Reader& cloudformation_reader();
[[nodiscard]] const Reader& cdk_assembly_reader();
[[nodiscard]] const Reader& inventory_reader();

}  // namespace certlint::readers
