#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM during a batch: finish the files being written, start no
/// new one, then exit (130). Outputs are complete or absent either way.
enum Interrupt {
    nonisolated(unsafe) static var signalled: sig_atomic_t = 0

    static func install() {
        signal(SIGINT) { _ in Interrupt.signalled = 1 }
        signal(SIGTERM) { _ in Interrupt.signalled = 1 }
        // A parent may have spawned us with these blocked (the mask is inherited).
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    static var requested: Bool { signalled != 0 }
}
