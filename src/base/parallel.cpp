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

void parallel_for(std::size_t n, std::size_t chunk, const std::function<void(std::size_t)>& job) {
    chunk = std::max<std::size_t>(chunk, 1);
    const std::vector<std::exception_ptr> errors =
        run_in_parallel((n + chunk - 1) / chunk, [&](std::size_t c) {
            const std::size_t end = std::min(n, (c + 1) * chunk);
            for (std::size_t i = c * chunk; i < end; ++i) job(i);
        });
    for (const std::exception_ptr& e : errors) {
        if (e) std::rethrow_exception(e);
    }
}

}  // namespace certlint::base
