// Reads paths (files, directories, stdin) and hands each document to its reader.
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

#include "certlint/engine.hpp"
#include "readers/cfn_nested.hpp"
#include "readers/cfn_stack.hpp"
#include "readers/json_scan.hpp"
#include "readers/readers.hpp"

namespace certlint {

namespace fs = std::filesystem;

InputError::InputError(const std::string& path, const std::string& problem)
    : std::runtime_error(fmt::format("{}: {}", printable(path), printable(problem))) {}

namespace {

std::size_t add_input(Model& model, const std::string& path, const char* kind) {
    model.inputs.push_back(Input{path, kind});
    return model.inputs.size() - 1;
}

// A JSON document that is neither a plan nor a template: refused when named by the user,
// skipped when found in a directory.
void not_ours(const std::string& path, bool explicit_path) {
    if (explicit_path) {
        throw InputError(path,
                         "not a Terraform plan or state (terraform show -json) or a "
                         "CloudFormation template");
    }
}

// A parsed JSON document that is not Terraform's: read as a template, or not_ours.
void load_json_document(Model& model, const std::string& path, readers::cfn::Document doc,
                        const LoadOptions& opts, bool explicit_path) {
    if (readers::is_cloudformation_document(doc.root())) {
        const std::size_t input = add_input(model, path, "cloudformation");
        readers::read_cloudformation(model, input, path, std::move(doc), opts);
        return;
    }
    not_ours(path, explicit_path);
}

void read_terraform_doc(Model& model, const std::string& path, const nlohmann::json& doc,
                        const LoadOptions& opts) {
    const bool state = !doc.contains("planned_values") && !doc.contains("resource_changes") &&
                       !doc.contains("configuration") && !doc.contains("prior_state");
    const std::size_t input = add_input(model, path, state ? "terraform-state" : "terraform-plan");
    try {
        readers::read_terraform(model, input, doc, opts);
    } catch (const nlohmann::json::exception& e) {
        throw InputError(path, std::string("unexpected Terraform JSON structure: ") + e.what());
    }
}

// Loads one decoded document. `explicit_path`: named by the user (an unknown kind is an
// error) rather than found in a directory (an unknown kind is skipped).
void load_text(Model& model, const std::string& path, std::string text, const LoadOptions& opts,
               bool explicit_path) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        if (!explicit_path) return;
        throw InputError(path, "file is empty");
    }
    if (!readers::starts_like_json(text)) {
        if (!explicit_path && !readers::looks_like_cloudformation(text)) return;
        const std::size_t input = add_input(model, path, "cloudformation");
        readers::read_cloudformation(model, input, path, readers::cfn::parse_document(path, text),
                                     opts);
        return;
    }
    // Terraform first: one fast pass that keeps only what the checks need. It reads the whole
    // document unless it starts like a template: then it is parsed again as one.
    bool template_start = false;
    try {
        if (auto doc = readers::parse_terraform_json(path, text, &template_start)) {
            if (readers::is_terraform_json(*doc)) {
                read_terraform_doc(model, path, *doc, opts);
                return;
            }
        }
    } catch (const InputError&) {
        if (explicit_path || readers::looks_like_cloudformation(text) ||
            text.find("\"format_version\"") != std::string::npos) {
            throw;
        }
        return;  // a JSON file in a scanned directory that is neither: not ours
    }
    if (!template_start) return not_ours(path, explicit_path);
    load_json_document(model, path, readers::cfn::parse_document(path, text), opts, explicit_path);
}

// Loads one named or found file. A regular UTF-8 file that starts like JSON is streamed from
// disk (never held in memory whole): as a Terraform plan, else as a template (a plan stops
// reading at the first key of a template). Anything else (YAML, UTF-16, pipes) is read whole
// by load_text.
void load_file(Model& model, const std::string& path, const LoadOptions& opts, bool explicit_path) {
    const auto whole = [&] {
        load_text(model, path, readers::read_text_file(path), opts, explicit_path);
    };
    auto json = readers::open_json_file(path);
    if (!json) return whole();  // YAML, UTF-16, pipes: read whole
    std::FILE* f = json->file.get();
    const std::size_t start = json->offset;
    std::optional<nlohmann::json> doc;
    bool template_start = false;
    try {
        doc = readers::parse_terraform_json_file(
            path, f, start, readers::JsonScanner::kDefaultChunk, &template_start);
    } catch (const InputError&) {
        if (explicit_path) throw;
        json.reset();
        return whole();  // load_text decides whether a found file that is not ours is an error
    }
    if (doc && readers::is_terraform_json(*doc)) {
        json.reset();
        read_terraform_doc(model, path, *doc, opts);
        return;
    }
    doc.reset();
    if (!template_start) return not_ours(path, explicit_path);  // read whole: no template
    // It starts like a template: parsed as one, as it is read again.
    if (std::fseek(f, static_cast<long>(start), SEEK_SET) != 0) {
        throw InputError(path, "cannot read file");
    }
    readers::cfn::Document tree;
    {
        readers::JsonScanner scanner(path, f, start);
        tree = readers::cfn::parse_json_template(scanner);
    }
    json.reset();
    load_json_document(model, path, std::move(tree), opts, explicit_path);
}

bool is_candidate_file(const fs::path& p) {
    const std::string ext = p.extension().string();
    return ext == ".json" || ext == ".yaml" || ext == ".yml" || ext == ".template";
}

bool is_cdk_assembly(const fs::path& dir) {
    std::error_code ec;
    const fs::path manifest = dir / "manifest.json";
    if (!fs::is_regular_file(manifest, ec)) return false;
    return fs::exists(dir / "tree.json", ec) || dir.filename() == "cdk.out" ||
           fs::exists(dir / "cdk.out", ec);
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

Task cdk_assembly_task(const fs::path& dir, const LoadOptions& opts) {
    return [dir, &opts](Model& m) { readers::read_cdk_assembly(m, dir.string(), opts); };
}

Task file_task(const std::string& path, const LoadOptions& opts, bool explicit_path) {
    return [path, &opts, explicit_path](Model& m) { load_file(m, path, opts, explicit_path); };
}

// The tasks that read what a scan of `root` finds: its CDK assemblies, then its other files,
// each in path order.
void add_directory(std::vector<Task>& tasks, const fs::path& root, const LoadOptions& opts) {
    if (is_cdk_assembly(root)) {
        tasks.push_back(cdk_assembly_task(root, opts));
        return;
    }
    std::vector<fs::path> files;
    std::vector<fs::path> assemblies;
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
            } else if (is_cdk_assembly(p)) {
                assemblies.push_back(p);
                it.disable_recursion_pending();
            }
            continue;
        }
        if (it->is_regular_file(ec) && is_candidate_file(p)) files.push_back(p);
    }
    std::sort(files.begin(), files.end());
    std::sort(assemblies.begin(), assemblies.end());
    skip_nested_templates(files);
    for (const fs::path& a : assemblies) tasks.push_back(cdk_assembly_task(a, opts));
    for (const fs::path& f : files) tasks.push_back(file_task(f.string(), opts, false));
}

}  // namespace

void load_document(Model& model, const std::string& path, std::string bytes,
                   const LoadOptions& opts) {
    load_text(model, path, readers::decode_text(path, std::move(bytes)), opts, true);
}

Model load_inputs(const std::vector<std::string>& paths, const LoadOptions& opts) {
    // Every input (named files, and the files of named directories) is read in parallel; a
    // problem found while listing them fails in its turn, after the inputs before it.
    std::vector<Task> tasks;
    for (const std::string& path : paths) {
        if (path == "-") {
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
