// BoundedQueue (see bounded_queue.h).
#include "bounced/http/bounded_queue.h"

namespace bounced::http {

BoundedQueue::BoundedQueue(std::size_t workers, std::size_t max_queued) : max_queued_(max_queued) {
    for (std::size_t i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
}

BoundedQueue::~BoundedQueue() {
    if (!threads_.empty()) shutdown();
}

void BoundedQueue::enqueue(std::function<void()> job) {
    std::unique_lock<std::mutex> lock(mutex_);
    has_room_.wait(lock, [this] { return jobs_.size() < max_queued_ || stopping_; });
    jobs_.push_back(std::move(job));
    has_job_.notify_one();
}

void BoundedQueue::shutdown() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    has_job_.notify_all();
    has_room_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
}

void BoundedQueue::work() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            has_job_.wait(lock, [this] { return !jobs_.empty() || stopping_; });
            if (jobs_.empty()) return;  // stopping, and nothing left: every socket was served and closed
            job = std::move(jobs_.front());
            jobs_.pop_front();
            has_room_.notify_one();
        }
        job();
    }
}

}  // namespace bounced::http
