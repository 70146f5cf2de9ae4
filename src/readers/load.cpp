// The loader: reads paths (files, directories, standard input), peeks at each input once and
// hands it to the first reader of the registry that recognises it (reader.hpp).
#include <algorithm>
#include <array>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <set>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/glob.hpp"
#include "base/parallel.hpp"
#include "certlint/load.hpp"
#include "readers/cfn_nested.hpp"
#include "readers/json_scan.hpp"
#include "readers/reader.hpp"
#include "readers/readers.hpp"
#include "readers/terraform_sources.hpp"
#include "readers/tfconfig.hpp"

namespace certlint {

namespace fs = std::filesystem;

namespace {

using readers::Peek;
using readers::Reader;
using readers::ScanExcludes;
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

// ---- What counts as an input ---------------------------------------------------------------
// The one place that decides which files a directory scan offers the readers, which
// directories it never enters, what it says when it finds nothing, and what a named file that
// is clearly something else is told. Whether an offered file or a directory is an input is the
// readers' decision (registry.cpp), by content; a reader of directories (a CDK assembly, a
// Terraform configuration) plugs in there and is asked about every directory scanned.

// The extensions of the files a scan offers the readers (.jsonl: the JSON Lines ACM inventory
// tools/acm-inventory.sh writes, spec §7).
constexpr std::array<std::string_view, 5> kScannedExtensions = {".json", ".jsonl", ".yaml", ".yml",
                                                                ".template"};

bool is_candidate_file(const fs::path& p) {
    const std::string ext = p.extension().string();
    return std::find(kScannedExtensions.begin(), kScannedExtensions.end(), ext) !=
           kScannedExtensions.end();
}

// A Terraform configuration file (main.tf, x.tf.json): read with its directory (tfconfig.hpp),
// not on its own.
bool is_terraform_configuration(const fs::path& p) {
    const std::string name = p.filename().string();
    return name.ends_with(".tf") || name.ends_with(".tf.json");
}

// Whether `dir` holds Terraform sources beside a plan or state (spec §6): they serve the plan.
bool serves_a_plan(const fs::path& dir) {
    return readers::has_terraform_files(dir.string()) &&
           readers::has_terraform_plan_beside(dir.string());
}

// Why a scan never enters `dir`, or empty: tool caches and build output, whose copies of
// plans and templates would double every finding.
std::string always_skipped(const fs::path& dir) {
    const std::string name = dir.filename().string();
    if (name == ".git") return "version control";
    if (name == ".terraform") return "Terraform's module and provider cache";
    if (name == "node_modules") return "installed packages";
    if (name == ".aws-sam") return "SAM build output, copies of the templates";
    if (name == ".serverless") return "Serverless Framework build output";
    // A CDK assembly is read whole by its reader; one it does not take is still cdk synth
    // output, whose assets are copies (nested stack templates among them).
    if (name.rfind("asset.", 0) == 0 && dir.parent_path().filename() == "cdk.out") {
        return "a CDK asset, a copy";
    }
    return {};
}

// What a scan of a directory looked for, when it found nothing: "no .json, .yaml, .yml or
// .template file is a Terraform plan or state (...) or a CloudFormation template, and no
// directory is a cdk-assembly".
std::string looked_for() {
    std::string exts;
    for (std::size_t i = 0; i < kScannedExtensions.size(); ++i) {
        if (i > 0) exts += i + 1 == kScannedExtensions.size() ? " or " : ", ";
        exts += kScannedExtensions[i];
    }
    std::vector<std::string> documents;
    std::vector<std::string> directories;
    for (const Reader* r : readers::reader_registry()) {
        auto& list = r->what().empty() ? directories : documents;
        const std::string what = r->what().empty() ? to_string(r->kind()) : std::string(r->what());
        if (std::find(list.begin(), list.end(), what) == list.end()) list.push_back(what);
    }
    const auto join = [](const std::vector<std::string>& list) {
        std::string out;
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (i > 0) out += i + 1 == list.size() ? " or " : ", ";
            out += list[i];
        }
        return out;
    };
    std::string out = fmt::format("no {} file is {}", exts, join(documents));
    if (!directories.empty()) out += ", and no directory is a " + join(directories);
    return out;
}

// The problem with a file given where a plan or template was expected that is plainly
// something else users give by mistake, or empty. `head`: its first bytes.
std::string mistaken_input(const fs::path& p, std::string_view head) {
    const std::string name = p.filename().string();
    if (head.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
        return fmt::format(
            "a binary Terraform plan (terraform plan -out); certlint reads its JSON form: "
            "terraform show -json {} > plan.json, then certlint plan.json",
            name.empty() || name == "-" ? "tfplan" : name);
    }
    if (is_terraform_configuration(p)) {
        return "a Terraform configuration file; certlint checks the directory of its root "
               "module (certlint DIR), or the plan made from it: terraform plan -out tfplan && "
               "terraform show -json tfplan > plan.json, then certlint plan.json";
    }
    return {};
}

// The first bytes of a file (fewer when it is shorter or cannot be read).
std::string file_head(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string head(4, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
    return head;
}

// A scan that found nothing to check in `dir`.
std::string nothing_found(std::size_t tf_files, std::size_t skipped) {
    std::string out = "found nothing to check: " + looked_for();
    if (skipped > 0) {
        out += fmt::format(" (skipped {}, see --verbose)",
                           skipped == 1 ? std::string("1 path") : fmt::format("{} paths", skipped));
    }
    if (tf_files > 0) {
        out += fmt::format(
            "; it has {} Terraform configuration file{}, which certlint does not read: give it "
            "the plan (terraform plan -out tfplan && terraform show -json tfplan > plan.json)",
            tf_files, tf_files == 1 ? "" : "s");
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
        const bool any = scanner->next_element(first);
        peek.empty = !any;
        if (any && scanner->enter_object()) {
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

// A found file (or, with --skip-non-inputs, a named one) that is not checked: a note.
void skip_note(Model& model, const std::string& path, const std::string& why) {
    model.notes.push_back(fmt::format("{}: skipped: {}", path, why));
}

// Loads one named or found file (or standard input) with the reader that recognises it. A
// named input no reader takes is an error; a found one is skipped with a note.
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
            if (!named) return skip_note(model, path, "empty");
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
            return skip_note(model, path, "not valid JSON, and nothing like a plan or template");
        }
    }
    if (reader == nullptr) {
        if (named) throw InputError(path, not_ours_message());
        return skip_note(model, path, not_ours_message());
    }
    const std::size_t first = model.inputs.size();
    reader->read(model, source, opts);
    // A plan's .tf sources (--source-dir, or beside it): locations and inline suppressions.
    readers::attach_terraform_sources(model, first, opts);
}

// A file that is plainly something users give by mistake (a binary plan, a .tf file) is
// refused with a hint; a .tf file not named (--skip-non-inputs) is skipped.
void load_file(Model& model, const std::string& path, const LoadOptions& opts, bool named) {
    if (const std::string problem = mistaken_input(path, file_head(path)); !problem.empty()) {
        if (named || !is_terraform_configuration(path)) throw InputError(path, problem);
        return skip_note(model, path, "a Terraform configuration file, not a plan");
    }
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

// A task and the input it reads (problems name it).
struct Job {
    std::string path;
    Task run;  // empty: nothing to run (a slot for a problem found afterwards)
};

// A task that fails as reading its input would have: the error comes in its turn.
Task failing(std::exception_ptr error) {
    return [error](Model&) { std::rethrow_exception(error); };
}

// Merges the models read by the tasks, in task order, without copying the first (often the
// only one) and without regrowing the merged vectors part by part.
void merge_parts(Model& model, std::vector<Model>& parts) {
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
    (void)base::run_in_parallel(
        files.size(),
        [&](std::size_t i) {
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
        },
        false);
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

// `named`: as the readers are told (false for found files, and with --skip-non-inputs).
Task file_task(const std::string& path, const LoadOptions& opts, bool named) {
    return [path, &opts, named](Model& m) { load_file(m, path, opts, named); };
}

Task notes_task(std::vector<std::string> notes) {
    return [notes = std::move(notes)](Model& m) {
        m.notes.insert(m.notes.end(), notes.begin(), notes.end());
    };
}

// The tasks of one named directory, tasks [first, end) of the list, and what its scan saw:
// when they read no input and none fails, the scan found nothing to check (a problem).
struct DirectoryScan {
    std::string path;
    std::size_t first = 0;
    std::size_t end = 0;
    std::size_t tf_files = 0;  // Terraform configuration files seen
    std::size_t skipped = 0;   // directories and files never offered to a reader
};

// The tasks that read what a scan of `root` finds: its CDK assemblies, then its other files,
// each in path order, after a task that notes what the scan skipped.
DirectoryScan add_directory(std::vector<Job>& tasks, const fs::path& root, const LoadOptions& opts,
                            const ScanExcludes& excludes) {
    DirectoryScan scan;
    scan.path = root.string();
    scan.first = tasks.size();
    if (const Reader* reader = directory_reader(root, true)) {
        tasks.push_back({scan.path, directory_task(*reader, root, opts, true)});
        scan.end = tasks.size();
        return scan;
    }
    std::vector<fs::path> files;
    std::vector<std::pair<fs::path, const Reader*>> directories;  // read by a reader
    // Terraform sources beside a plan: not a root, and neither are the modules they call.
    std::vector<std::string> plan_sources;
    if (serves_a_plan(root)) plan_sources.push_back(root.string());
    std::vector<std::string> notes;
    std::error_code ec;
    // Directory symlinks are not followed, so symlink loops cannot hang the scan.
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) throw InputError(root.string(), "cannot read directory: " + ec.message());
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) throw InputError(root.string(), "cannot read directory: " + ec.message());
        const fs::path& p = it->path();
        const bool directory = it->is_directory(ec);
        if (directory && it->is_symlink(ec)) {
            it.disable_recursion_pending();
            continue;
        }
        if (const base::Glob* glob = excludes.match(root, p)) {
            if (directory) it.disable_recursion_pending();
            notes.push_back(fmt::format("{}: skipped: --exclude {}", p.string(), glob->pattern()));
            ++scan.skipped;
            continue;
        }
        if (directory) {
            if (const std::string why = always_skipped(p); !why.empty()) {
                it.disable_recursion_pending();
                notes.push_back(fmt::format("{}: skipped: {} (never scanned)", p.string(), why));
                ++scan.skipped;
            } else if (const Reader* reader = directory_reader(p, false)) {
                directories.emplace_back(p, reader);
                it.disable_recursion_pending();
            } else if (serves_a_plan(p)) {
                plan_sources.push_back(p.string());
            }
            continue;
        }
        if (!it->is_regular_file(ec)) continue;
        if (is_terraform_configuration(p)) {
            ++scan.tf_files;
        } else if (is_candidate_file(p)) {
            files.push_back(p);
        }
    }
    std::sort(files.begin(), files.end());
    std::sort(directories.begin(), directories.end());
    std::sort(notes.begin(), notes.end());
    // Terraform configurations (spec §6): a directory that another scanned one calls as a
    // local module is part of that root, not a root of its own.
    {
        std::vector<std::string> roots = plan_sources;
        for (const auto& [dir, reader] : directories) {
            if (reader->kind() == InputKind::TerraformConfig) roots.push_back(dir.string());
        }
        const std::set<std::string> called = readers::called_module_dirs(roots);
        if (!called.empty()) {
            directories.erase(
                std::remove_if(directories.begin(), directories.end(),
                               [&](const auto& d) {
                                   return d.second->kind() == InputKind::TerraformConfig &&
                                          called.count(d.first.lexically_normal().string()) != 0;
                               }),
                directories.end());
        }
    }
    skip_nested_templates(files);
    if (!notes.empty()) tasks.push_back({scan.path, notes_task(std::move(notes))});
    for (const auto& [dir, reader] : directories) {
        tasks.push_back({dir.string(), directory_task(*reader, dir, opts, false)});
    }
    for (const fs::path& f : files) {
        tasks.push_back({f.string(), file_task(f.string(), opts, false)});
    }
    scan.end = tasks.size();
    return scan;
}

// What load_paths read: the problem of each job (an InputError, or null), in input order.
struct Problems {
    std::vector<std::exception_ptr> errors;
    std::vector<std::string> paths;  // the input of each
};

// Reads every path; each problem (an InputError) in the slot of the job it belongs to, in
// input order. `stop_at_error`: stop at the first (load_inputs only needs it).
Problems load_paths(Model& model, const std::vector<std::string>& paths, const LoadOptions& opts,
                    const ScanOptions& options, bool stop_at_error) {
    // Every input (named files, and the files of named directories) is read in parallel; a
    // problem found while listing them fails in its turn.
    const ScanExcludes excludes(options.exclude);
    std::vector<Job> tasks;
    std::vector<DirectoryScan> scans;
    bool stdin_read = false;
    std::size_t named_files = 0;
    for (const std::string& path : paths) {
        if (path == "-") {
            // Standard input is read once, however often it is named: one input.
            if (stdin_read) continue;
            stdin_read = true;
            tasks.push_back({"-", [&opts](Model& m) {
                                 std::string bytes((std::istreambuf_iterator<char>(std::cin)),
                                                   std::istreambuf_iterator<char>());
                                 load_document(m, "-", std::move(bytes), opts);
                             }});
            continue;
        }
        try {
            std::error_code ec;
            const auto status = fs::status(path, ec);
            if (ec || !fs::exists(status)) throw InputError(path, "no such file or directory");
            if (fs::is_directory(status)) {
                scans.push_back(add_directory(tasks, fs::path(path), opts, excludes));
                tasks.push_back({path, {}});  // the slot of a scan that finds nothing
            } else {
                ++named_files;
                tasks.push_back({path, file_task(path, opts, !options.skip_non_inputs)});
            }
        } catch (const InputError&) {
            tasks.push_back({path, failing(std::current_exception())});
            if (stop_at_error) break;  // what follows cannot change the outcome
        }
    }
    std::vector<Model> parts(tasks.size());
    std::vector<std::exception_ptr> errors = base::run_in_parallel(
        tasks.size(),
        [&](std::size_t i) {
            if (tasks[i].run) tasks[i].run(parts[i]);
        },
        stop_at_error);
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        if (errors[i]) parts[i] = Model();  // nothing of an input that failed half-way
    }
    for (const DirectoryScan& scan : scans) {
        bool found = false;
        for (std::size_t i = scan.first; i < scan.end && !found; ++i) {
            found = errors[i] || !parts[i].inputs.empty();
        }
        if (!found) {
            errors[scan.end] = std::make_exception_ptr(
                InputError(scan.path, nothing_found(scan.tf_files, scan.skipped)));
        }
    }
    merge_parts(model, parts);
    std::vector<std::string> job_paths;
    job_paths.reserve(tasks.size());
    for (Job& job : tasks) job_paths.push_back(std::move(job.path));
    if (options.skip_non_inputs && named_files > 0 && scans.empty() && model.inputs.empty()) {
        model.notes.push_back(fmt::format(
            "nothing to check: none of the {} given is a plan, "
            "template or assembly (--skip-non-inputs)",
            named_files == 1 ? std::string("1 file") : fmt::format("{} files", named_files)));
    }
    return {std::move(errors), std::move(job_paths)};
}

}  // namespace

void load_document(Model& model, const std::string& path, std::string bytes,
                   const LoadOptions& opts) {
    if (const std::string problem = mistaken_input(path, bytes.substr(0, 4)); !problem.empty()) {
        throw InputError(path, problem);
    }
    Source source = Source::memory(path, std::move(bytes), true);
    load_source(model, source, opts);
}

Loaded load_all(const std::vector<std::string>& paths, const LoadOptions& opts,
                const ScanOptions& scan) {
    Loaded loaded;
    const Problems found = load_paths(loaded.model, paths, opts, scan, false);
    for (std::size_t i = 0; i < found.errors.size(); ++i) {
        if (!found.errors[i]) continue;
        try {
            std::rethrow_exception(found.errors[i]);
        } catch (const InputError& error) {
            loaded.problems.push_back({found.paths[i], error.what()});
        }
    }
    return loaded;
}

Model load_inputs(const std::vector<std::string>& paths, const LoadOptions& opts) {
    Model model;
    for (const std::exception_ptr& e : load_paths(model, paths, opts, {}, true).errors) {
        if (e) std::rethrow_exception(e);
    }
    return model;
}

namespace readers {

bool is_terraform_configuration(const std::filesystem::path& p) {
    return certlint::is_terraform_configuration(p);
}

std::string always_skipped(const std::filesystem::path& dir) {
    return certlint::always_skipped(dir);
}

ScanExcludes::ScanExcludes(const std::vector<std::string>& globs) {
    for (std::string g : globs) {
        while (g.size() > 1 && g.back() == '/') g.pop_back();
        if (g.rfind("./", 0) == 0 && g.size() > 2) g.erase(0, 2);
        globs_.emplace_back(g);
    }
}

const base::Glob* ScanExcludes::match(const std::filesystem::path& root,
                                      const std::filesystem::path& p) const {
    if (globs_.empty()) return nullptr;
    const std::string rel = p.lexically_relative(root).generic_string();
    const std::string shown = p.generic_string();
    const std::string name = p.filename().string();
    for (const base::Glob& g : globs_) {
        if (g.matches(rel) || g.matches(shown) || g.matches(name)) return &g;
    }
    return nullptr;
}

}  // namespace readers

}  // namespace certlint
