/// Where an open-addressing table starts its search for a 64-bit key (before the
/// mask). The keys are hashes already, but their low bits alone would cluster, so
/// they are mixed once (a step of splitmix64's finaliser).
@inline(__always)
func slotHome(_ key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key ^ (key >> 29)) &* 0xBF58_476D_1CE4_E5B9)
}
