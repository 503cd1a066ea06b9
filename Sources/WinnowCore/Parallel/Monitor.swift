#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One mutex with several condition variables, so a change wakes only the threads
/// that wait for it (a worker for work, the reader for room in the window) instead of
/// every thread: on 2 cores shared by a reader, workers and a writer, waking all of
/// them for each document cost a context switch or more per thread.
final class Monitor: @unchecked Sendable {
    final class Condition: @unchecked Sendable {
        fileprivate let cond = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
        init() { pthread_cond_init(cond, nil) }
        deinit { pthread_cond_destroy(cond); cond.deallocate() }

        /// Wakes one waiting thread. Best called after unlocking the monitor (the state it
        /// waits for changed with the monitor locked): the woken thread then finds it free.
        func signal() { pthread_cond_signal(cond) }
        func broadcast() { pthread_cond_broadcast(cond) }
    }

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() { pthread_mutex_init(mutex, nil) }
    deinit { pthread_mutex_destroy(mutex); mutex.deallocate() }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }

    /// Waits on `condition` (with the monitor locked; it is locked again on return).
    /// Wake-ups may be spurious: callers wait in a loop on their own test.
    func wait(_ condition: Condition) { pthread_cond_wait(condition.cond, mutex) }
}
