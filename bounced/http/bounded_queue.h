// The server's workers: a fixed number of threads and a bounded queue of accepted
// connections. cpp-httplib 0.11's own ThreadPool queues without limit; this one makes
// the accepting thread wait when the queue is full, so further connections wait in the
// kernel's listen backlog (and are refused when it is full) instead of growing memory.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace bounced::http {

class BoundedQueue : public httplib::TaskQueue {
public:
    BoundedQueue(std::size_t workers, std::size_t max_queued);
    ~BoundedQueue() override;

    void enqueue(std::function<void()> job) override;  // waits while the queue is full
    void shutdown() override;                            // runs what is queued, then joins

private:
    void work();

    std::size_t max_queued_;
    std::mutex mutex_;
    std::condition_variable has_job_, has_room_;
    std::deque<std::function<void()>> jobs_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace bounced::http
