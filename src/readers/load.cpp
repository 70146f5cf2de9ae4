// The loader: reads paths (files, directories, standard input), peeks at each input once and
// hands it to the first reader of the registry that recognises it (reader.hpp).
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <functional>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <set>
#include <system_error>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "certlint/load.hpp"
#include "readers/cfn_nested.hpp"
#include "readers/json_scan.hpp"
#include "readers/reader.hpp"
#include "readers/readers.hpp"

namespace certlint {

namespace fs = std::filesystem;

namespace {

using readers::Peek;
using readers::Reader;
using readers::Sniff;
using readers::Source;

// What no reader takes, as the registry's readers of documents describe themselves: "not a
// Terraform plan or state (terraform show -json) or a CloudFormation template".
std::string not_ours_message() {
    std::vector<std::string_view> whats;
    for (const Reader* r : readers::reader_registry()) {
        if (!r->what().empty() && std::find(whats.begin(), whats.end(), r->what()) == whats.end()) {
            whats.push_back(r->what());
        }
    }
    std::string out = "not ";
    for (std::size_t i = 0; i < whats.size(); ++i) {
        if (i > 0) out += i + 1 == whats.size() ? " or " : ", ";
        out += whats[i];
    }
    return out;
}

// The first reader that says yes; nullptr when every one says no, or (keys not complete)
// when none says yes: `undecided` then tells whether one said maybe.
const Reader* ask_readers(const Peek& peek, bool* undecided = nullptr) {
    bool maybe = false;
    for (const Reader* r : readers::reader_registry()) {
        const Sniff answer = r->sniff(peek);
        if (answer == Sniff::Yes) return r;
        maybe = maybe || answer == Sniff::Maybe;
    }
    if (undecided != nullptr) *undecided = maybe && !peek.complete;
    return nullptr;
}

// Reads the top-level keys of an object (the scanner just entered it) one by one, asking the
// readers after each, until one says yes, all say no, or the keys end.
const Reader* sniff_keys(readers::JsonScanner& scanner, Peek& peek) {
    bool first = true;
    std::string_view key;
    peek.complete = false;
    for (;;) {
        if (!scanner.next_key(first, key)) {
            peek.complete = true;
            return ask_readers(peek);
        }
        peek.keys.emplace_back(key);
        bool undecided = false;
        if (const Reader* r = ask_readers(peek, &undecided)) return r;
        if (!undecided) return nullptr;
        scanner.skip();
    }
}

// Peeks at a JSON document: its top-level keys (an object) or those of its first element (an
// array), read only as far as the readers need to decide.
const Reader* sniff_json(Source& source, Peek& peek) {
    const auto scanner = source.json();
    if (scanner->enter_object()) {
        peek.shape = Peek::Shape::JsonObject;
        if (const Reader* r = sniff_keys(*scanner, peek)) return r;
    } else if (scanner->enter_array()) {
        peek.shape = Peek::Shape::JsonArray;
        bool first = true;
        if (scanner->next_element(first) && scanner->enter_object()) {
            if (const Reader* r = sniff_keys(*scanner, peek)) return r;
        } else {
            if (const Reader* r = ask_readers(peek)) return r;
        }
    } else {
        peek.shape = Peek::Shape::JsonObject;  // a scalar: no keys
        if (const Reader* r = ask_readers(peek)) return r;
    }
    if (source.named()) {
        // Not ours; but an invalid document is refused as invalid first.
        const auto whole = source.json();
        whole->skip();
        whole->expect_end();
    }
    return nullptr;
}

// Loads one named or found file (or standard input) with the reader that recognises it. A
// named input no reader takes is an error; a found one is skipped.
void load_source(Model& model, Source& source, const LoadOptions& opts) {
    const std::string& path = source.path();
    const bool named = source.named();
    Peek peek;
    peek.path = path;
    peek.named = named;
    const Reader* reader = nullptr;
    if (!source.is_json()) {  // reads and decodes the whole text unless it streams JSON
        const std::string& text = source.text();
        if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
            if (!named) return;
            throw InputError(path, "file is empty");
        }
        peek.shape = Peek::Shape::Text;
        peek.text = text;
        reader = ask_readers(peek);
    } else {
        try {
            reader = sniff_json(source, peek);
        } catch (const InputError&) {
            // Invalid before a reader could tell: a found file is checked only when it looks like
            // a plan or template anywhere, else it is some other JSON file and not ours.
            if (named) throw;
            const std::string& text = source.text();
            if (readers::looks_like_cloudformation(text) ||
                text.find("\"format_version\"") != std::string::npos) {
                throw;
            }
            return;
        }
    }
    if (reader == nullptr) {
        if (named) throw InputError(path, not_ours_message());
        return;
    }
    reader->read(model, source, opts);
}

void load_file(Model& model, const std::string& path, const LoadOptions& opts, bool named) {
    Source source = Source::file(path, named);
    load_source(model, source, opts);
}

// The directory reader (a CDK assembly, ...) that reads `dir`, if any.
const Reader* directory_reader(const fs::path& dir, bool named) {
    const std::string path = dir.string();
    Peek peek;
    peek.shape = Peek::Shape::Directory;
    peek.path = path;
    peek.named = named;
    return ask_readers(peek);
}

bool is_candidate_file(const fs::path& p) {
    const std::string ext = p.extension().string();
    return ext == ".json" || ext == ".yaml" || ext == ".yml" || ext == ".template";
}

// Appends `part` (read on its own) to `model`, renumbering its input and certificate indexes.
void merge_model(Model& model, Model&& part) {
    const std::size_t inputs = model.inputs.size();
    const std::size_t certificates = model.certificates.size();
    for (Input& i : part.inputs) model.inputs.push_back(std::move(i));
    for (Certificate& c : part.certificates) {
        c.input += inputs;
        model.certificates.push_back(std::move(c));
    }
    for (Consumer& c : part.consumers) {
        c.input += inputs;
        for (Attachment& a : c.attachments) {
            for (CertCandidate& cand : a.candidates) {
                if (cand.certificate) *cand.certificate += certificates;
            }
        }
        model.consumers.push_back(std::move(c));
    }
    for (CaaRecordSet& caa : part.caa_records) model.caa_records.push_back(std::move(caa));
    for (std::string& n : part.notes) model.notes.push_back(std::move(n));
}

// One document (or CDK assembly) to read into a model of its own.
using Task = std::function<void(Model&)>;

// A task that fails as reading its input would have: the error comes in its turn.
Task failing(std::exception_ptr error) {
    return [error](Model&) { std::rethrow_exception(error); };
}

// Runs job(0) .. job(n - 1) on one thread per core. A job that throws stops the jobs after
// it from starting; the exception of the first failed job (in index order) is rethrown, as
// running them one by one would.
void run_in_parallel(std::size_t n, const std::function<void(std::size_t)>& job) {
    std::vector<std::exception_ptr> errors(n);
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> first_error{n};  // no job after a failed one needs to run
    const auto work = [&] {
        for (std::size_t i = next++; i < n; i = next++) {
            if (i > first_error.load()) continue;
            try {
                job(i);
            } catch (...) {
                errors[i] = std::current_exception();
                std::size_t seen = first_error.load();
                while (i < seen && !first_error.compare_exchange_weak(seen, i)) {
                }
            }
        }
    };
    const std::size_t threads =
        std::min<std::size_t>(n, std::max(1U, std::thread::hardware_concurrency()));
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
    for (const std::exception_ptr& e : errors) {
        if (e) std::rethrow_exception(e);
    }
}

// Runs the tasks in parallel, each into its own model, and merges the models in task order:
// the result and the first error are those of running them one by one.
void load_in_parallel(Model& model, const std::vector<Task>& tasks) {
    std::vector<Model> parts(tasks.size());
    run_in_parallel(tasks.size(), [&](std::size_t i) { tasks[i](parts[i]); });
    // Merged without copying the first model (often the only one) and without regrowing
    // the merged vectors part by part.
    std::size_t certificates = 0;
    std::size_t consumers = 0;
    for (const Model& part : parts) {
        certificates += part.certificates.size();
        consumers += part.consumers.size();
    }
    for (Model& part : parts) {
        if (model.inputs.empty() && model.notes.empty()) {
            model = std::move(part);
            model.certificates.reserve(certificates);
            model.consumers.reserve(consumers);
        } else {
            merge_model(model, std::move(part));
        }
        part = Model();
    }
}

// Drops the files that another scanned template loads as a nested stack: they are checked
// as part of their parent (with its parameters), not a second time on their own.
void skip_nested_templates(std::vector<fs::path>& files) {
    constexpr std::uintmax_t kMaxTemplateBytes = 4 << 20;  // CloudFormation allows 1 MB
    std::vector<std::vector<std::string>> children(files.size());
    run_in_parallel(files.size(), [&](std::size_t i) {
        const std::string file = files[i].string();
        std::error_code ec;
        if (fs::file_size(file, ec) > kMaxTemplateBytes || ec) return;
        std::string text;
        try {
            text = readers::read_file(file);
        } catch (const InputError&) {
            return;  // loading it reports it
        }
        if (text.find("AWS::CloudFormation::Stack") == std::string::npos &&
            text.find("AWS::Serverless::Application") == std::string::npos) {
            return;
        }
        children[i] = readers::nested_template_paths(file, text);
    });
    std::set<std::string> nested;
    for (const auto& list : children) {
        for (const std::string& child : list)
            nested.insert(fs::path(child).lexically_normal().string());
    }
    if (nested.empty()) return;
    files.erase(std::remove_if(files.begin(), files.end(),
                               [&](const fs::path& f) {
                                   return nested.count(f.lexically_normal().string()) != 0;
                               }),
                files.end());
}

Task directory_task(const Reader& reader, const fs::path& dir, const LoadOptions& opts,
                    bool named) {
    return [&reader, dir, &opts, named](Model& m) {
        Source source = Source::directory(dir.string(), named);
        reader.read(m, source, opts);
    };
}

Task file_task(const std::string& path, const LoadOptions& opts, bool named) {
    return [path, &opts, named](Model& m) { load_file(m, path, opts, named); };
}

// The tasks that read what a scan of `root` finds: its CDK assemblies, then its other files,
// each in path order.
void add_directory(std::vector<Task>& tasks, const fs::path& root, const LoadOptions& opts) {
    if (const Reader* reader = directory_reader(root, true)) {
        tasks.push_back(directory_task(*reader, root, opts, true));
        return;
    }
    std::vector<fs::path> files;
    std::vector<std::pair<fs::path, const Reader*>> directories;  // read by a reader
    std::error_code ec;
    // Directory symlinks are not followed, so symlink loops cannot hang the scan.
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) throw InputError(root.string(), "cannot read directory: " + ec.message());
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) throw InputError(root.string(), "cannot read directory: " + ec.message());
        const fs::path& p = it->path();
        const std::string name = p.filename().string();
        if (it->is_directory(ec)) {
            if (name == ".git" || name == "node_modules" || name == ".terraform" ||
                it->is_symlink(ec)) {
                it.disable_recursion_pending();
            } else if (const Reader* reader = directory_reader(p, false)) {
                directories.emplace_back(p, reader);
                it.disable_recursion_pending();
            }
            continue;
        }
        if (it->is_regular_file(ec) && is_candidate_file(p)) files.push_back(p);
    }
    std::sort(files.begin(), files.end());
    std::sort(directories.begin(), directories.end());
    skip_nested_templates(files);
    for (const auto& [dir, reader] : directories) {
        tasks.push_back(directory_task(*reader, dir, opts, false));
    }
    for (const fs::path& f : files) tasks.push_back(file_task(f.string(), opts, false));
}

}  // namespace

void load_document(Model& model, const std::string& path, std::string bytes,
                   const LoadOptions& opts) {
    Source source = Source::memory(path, std::move(bytes), true);
    load_source(model, source, opts);
}

Model load_inputs(const std::vector<std::string>& paths, const LoadOptions& opts) {
    // Every input (named files, and the files of named directories) is read in parallel; a
    // problem found while listing them fails in its turn, after the inputs before it.
    std::vector<Task> tasks;
    bool stdin_read = false;
    for (const std::string& path : paths) {
        if (path == "-") {
            // Standard input is read once, however often it is named: one input.
            if (stdin_read) continue;
            stdin_read = true;
            tasks.emplace_back([&opts](Model& m) {
                std::string bytes((std::istreambuf_iterator<char>(std::cin)),
                                  std::istreambuf_iterator<char>());
                load_document(m, "-", std::move(bytes), opts);
            });
            continue;
        }
        try {
            std::error_code ec;
            const auto status = fs::status(path, ec);
            if (ec || !fs::exists(status)) throw InputError(path, "no such file or directory");
            if (fs::is_directory(status)) {
                add_directory(tasks, fs::path(path), opts);
            } else {
                tasks.push_back(file_task(path, opts, true));
            }
        } catch (const InputError&) {
            tasks.push_back(failing(std::current_exception()));
            break;  // what follows cannot change the outcome
        }
    }
    Model model;
    load_in_parallel(model, tasks);
    return model;
}

}  // namespace certlint
