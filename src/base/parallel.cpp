#include "base/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

namespace certlint::base {

std::vector<std::exception_ptr> run_in_parallel(std::size_t n,
                                                const std::function<void(std::size_t)>& job,
                                                bool stop_at_error) {
    std::vector<std::exception_ptr> errors(n);
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> first_error{n};  // no job after a failed one needs to run
    const auto work = [&] {
        for (std::size_t i = next++; i < n; i = next++) {
            if (stop_at_error && i > first_error.load()) continue;
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
    return errors;
}

}  // namespace certlint::base
