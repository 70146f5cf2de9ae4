// The reader interface's shared parts: inputs as readers see them (Source, Peek).
#include "readers/reader.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace certlint::readers {

// ---- Source ----------------------------------------------------------------------------

Source Source::file(std::string path, bool named) {
    return Source(std::move(path), named);
}

Source Source::directory(std::string path, bool named) {
    Source s(std::move(path), named);
    s.directory_ = true;
    return s;
}

Source Source::memory(std::string path, std::string bytes, bool named) {
    Source s(std::move(path), named);
    s.opened_ = true;
    s.bytes_ = std::move(bytes);
    return s;
}

void Source::open() {
    if (opened_) return;
    opened_ = true;
    file_ = open_json_file(path_);
}

bool Source::is_json() {
    open();
    return file_ || starts_like_json(text());
}

std::unique_ptr<JsonScanner> Source::json() {
    open();
    if (file_) {
        if (std::fseek(file_->file.get(), static_cast<long>(file_->offset), SEEK_SET) != 0) {
            throw InputError(path_, "cannot read file");
        }
        return std::make_unique<JsonScanner>(path_, file_->file.get(), file_->offset);
    }
    return std::make_unique<JsonScanner>(path_, std::string_view(text()));
}

const std::string& Source::text() {
    open();
    if (!text_) {
        if (bytes_) {
            text_ = decode_text(path_, std::move(*bytes_));
            bytes_.reset();
        } else {
            file_.reset();  // read whole from now on
            text_ = read_text_file(path_);
        }
    }
    return *text_;
}

// ---- Peek, registry helpers --------------------------------------------------------------

std::size_t Peek::index(std::string_view key) const {
    const auto it = std::find(keys.begin(), keys.end(), key);
    return it == keys.end() ? std::string_view::npos : static_cast<std::size_t>(it - keys.begin());
}

bool Peek::has(std::string_view key) const {
    return index(key) != std::string_view::npos;
}

std::size_t add_input(Model& model, const std::string& path, InputKind kind) {
    model.inputs.push_back(Input{path, kind});
    return model.inputs.size() - 1;
}

}  // namespace certlint::readers
