// Running independent jobs on every core: the readers (one input each) and the custom
// policies (one run of objects each) share it. Part of src/base, the lowest layer: it includes
// nothing of ours.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <vector>

namespace certlint::base {

// Runs job(0) .. job(n - 1) on one thread per core and returns the exception of each job
// that threw (null for the others). With `stop_at_error`, a job that throws stops the jobs
// after it from starting: the first error (in index order) is then that of running them one
// by one.
std::vector<std::exception_ptr> run_in_parallel(std::size_t n,
                                                const std::function<void(std::size_t)>& job,
                                                bool stop_at_error = false);

// Runs job(0) .. job(n - 1) in runs of `chunk` consecutive indexes, one run per job of
// run_in_parallel; rethrows the first exception (in index order) once all have run.
void parallel_for(std::size_t n, std::size_t chunk, const std::function<void(std::size_t)>& job);

}  // namespace certlint::base
