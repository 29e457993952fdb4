/// How many records a diff found of each kind.
package struct DiffCounts: Sendable, Equatable {
    package var create = 0
    package var update = 0
    package var missing = 0
    package var unchanged = 0

    package init(create: Int = 0, update: Int = 0, missing: Int = 0, unchanged: Int = 0) {
        self.create = create
        self.update = update
        self.missing = missing
        self.unchanged = unchanged
    }

    /// Records that differ in any way.
    package var changed: Int { create + update + missing }
}
