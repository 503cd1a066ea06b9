#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// SIGINT and SIGTERM during a batch: finish the files being written, start no
/// new one, then exit (130). Outputs are complete or absent either way.
enum Interrupt {
    /// Set by the handler, read by the workers: an atomic (a lock-free store is
    /// safe in a signal handler; a plain global is a data race ThreadSanitizer reports).
    static let signalled = Atomic<Int32>(0)

    static func install() {
        // Touch the flag first: its lazy initialisation must not happen in the handler.
        signalled.store(0, ordering: .relaxed)
        signal(SIGINT) { _ in Interrupt.signalled.store(1, ordering: .relaxed) }
        signal(SIGTERM) { _ in Interrupt.signalled.store(1, ordering: .relaxed) }
        // A parent may have spawned us with these blocked (the mask is inherited).
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    static var requested: Bool { signalled.load(ordering: .relaxed) != 0 }
}
