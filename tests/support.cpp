#include "support.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace certlint::test {
namespace {

std::string drain(int fd) {
    std::string out;
    std::array<char, 65536> buf{};
    for (;;) {
        const ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n <= 0) break;
        out.append(buf.data(), static_cast<std::size_t>(n));
    }
    return out;
}

}  // namespace

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

RunResult run_certlint(const std::vector<std::string>& args, const std::string& stdin_text,
                       const std::string& cwd) {
    // stdout and stderr go to temporary files so large outputs cannot deadlock a pipe.
    char out_name[] = "/tmp/certlint-test-out-XXXXXX";
    char err_name[] = "/tmp/certlint-test-err-XXXXXX";
    char in_name[] = "/tmp/certlint-test-in-XXXXXX";
    const int out_fd = mkstemp(out_name);
    const int err_fd = mkstemp(err_name);
    const int in_fd = mkstemp(in_name);
    if (out_fd < 0 || err_fd < 0 || in_fd < 0) throw std::runtime_error("mkstemp failed");
    if (!stdin_text.empty() && ::write(in_fd, stdin_text.data(), stdin_text.size()) !=
                                   static_cast<ssize_t>(stdin_text.size())) {
        throw std::runtime_error("write failed");
    }
    ::lseek(in_fd, 0, SEEK_SET);
    const pid_t pid = fork();
    if (pid == 0) {
        if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(127);
        dup2(in_fd, 0);
        dup2(out_fd, 1);
        dup2(err_fd, 2);
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(kBinary.c_str()));
        for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(kBinary.c_str(), argv.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    ::lseek(out_fd, 0, SEEK_SET);
    ::lseek(err_fd, 0, SEEK_SET);
    r.out = drain(out_fd);
    r.err = drain(err_fd);
    ::close(out_fd);
    ::close(err_fd);
    ::close(in_fd);
    ::unlink(out_name);
    ::unlink(err_name);
    ::unlink(in_name);
    return r;
}

std::string corpus_path(const std::string& relative) {
    const std::string path = kCorpusDir + "/" + relative;
    if (!std::filesystem::exists(path)) {
        throw std::runtime_error("a corpus file is missing: " + path);
    }
    return path;
}

}  // namespace certlint::test
