#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Turns a run folder into a BagIt bag packed as tar.zst or zip, in two streaming passes over the
/// payload: the first hashes every file (SHA-256 and SHA-512) so the manifests can lead the
/// archive, the second packs the files in 1 MiB chunks. Nothing is staged on disk besides the
/// archive itself, which is written under a temporary name beside the output and renamed at the end.
package struct BagWriter: Sendable {
    /// What to write and where.
    package struct Options: Sendable {
        /// The container format.
        package var format: ArchiveFormat
        /// The output path; nil means `archive/YYYY/MM/<run-id>.<ext>` under `workingDirectory`.
        package var output: String?
        /// Replace an existing output.
        package var force: Bool
        /// The bag date used when the run folder has no run.json `startedAt` (see `BagDate`).
        package var date: Date?
        /// Where relative output paths start.
        package var workingDirectory: String

        /// Options with the defaults: tar.zst, default output, no overwrite.
        package init(format: ArchiveFormat = .tarZstd, output: String? = nil, force: Bool = false,
                     date: Date? = nil, workingDirectory: String = FileManager.default.currentDirectoryPath) {
            self.format = format
            self.output = output
            self.force = force
            self.date = date
            self.workingDirectory = workingDirectory
        }
    }

    /// A writer with its options.
    package let options: Options

    /// A writer with options.
    package init(options: Options = Options()) {
        self.options = options
    }

    /// The default output path: `<base>/archive/YYYY/MM/<run-id>.<ext>`, year and month (UTC) of the
    /// bag date.
    package static func defaultOutput(runId: String, date: Date, format: ArchiveFormat, base: String) -> String {
        let day = BagInfo.day(date)
        let year = day.prefix(4), month = day.dropFirst(5).prefix(2)
        return "\(base)/archive/\(year)/\(month)/\(runId).\(format.fileExtension)"
    }

    /// Bags and packs `runFolder`, returning what was written.
    package func create(runFolder path: String) throws(ArchiveError) -> BagSummary {
        try UTF8Locale.run { () throws(ArchiveError) in try createBag(runFolder: path) }
    }

    private func createBag(runFolder path: String) throws(ArchiveError) -> BagSummary {
        let folder = try RunFolder.scan(path)
        let date = BagDate.choose(startedAt: folder.startedAt, given: options.date, newestModification: folder.newestModification)
        let output = absolute(options.output ?? Self.defaultOutput(
            runId: folder.runId, date: date, format: options.format, base: options.workingDirectory))
        let resolvedOutput = URL(fileURLWithPath: output).resolvingSymlinksInPath().path
        if [output, resolvedOutput].contains(where: { $0 == folder.root || $0.hasPrefix(folder.root + "/") }) {
            throw ArchiveError(.invalidArgument, "output \(output) lies inside the run folder \(folder.root)")
        }
        try checkOutputFree(output)

        var digests: [BagDigests] = []
        digests.reserveCapacity(folder.files.count)
        let hasher = ParallelHasher()
        for file in folder.files {
            digests.append(try hash(file, in: folder, hasher: hasher))
        }
        let buffer = ChunkBuffer()
        let tagFiles = Self.tagFiles(folder: folder, digests: digests, date: date)

        let outputFolder = (output as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: outputFolder, withIntermediateDirectories: true)
        } catch {
            throw ArchiveError(.io, "cannot create the folder \(outputFolder)", underlying: error)
        }
        TemporaryOutput.removeStale(beside: output)
        let temporary = try TemporaryOutput(beside: output)
        do {
            let writer = try ArchiveWriter(fileDescriptor: temporary.descriptor, format: options.format, path: output)
            let mtime = Int(date.timeIntervalSince1970)
            for (name, contents) in tagFiles {
                try writer.writeFile(path: "\(folder.runId)/\(name)", contents: contents, modificationTime: mtime)
            }
            for file in folder.files {
                try pack(file, in: folder, writer: writer, modificationTime: mtime, buffer: buffer)
            }
            try writer.close()
            try temporary.publish(as: output, replace: options.force)
        } catch {
            temporary.discard()
            throw error
        }
        return BagSummary(
            archivePath: output, runId: folder.runId, format: options.format, baggingDate: date,
            payloadFiles: folder.files.count, payloadBytes: folder.totalBytes,
            archiveBytes: Self.size(of: output))
    }

    /// The tag files in archive order: bagit.txt, bag-info.txt, the two manifests, the tag manifest.
    static func tagFiles(folder: RunFolder, digests: [BagDigests], date: Date) -> [(String, [UInt8])] {
        let info = BagInfo(runId: folder.runId, baggingDate: date, payloadBytes: folder.totalBytes, payloadFiles: folder.files.count)
        var files: [(String, [UInt8])] = [("bagit.txt", BagInfo.declaration), ("bag-info.txt", info.render())]
        for algorithm in BagManifest.Algorithm.allCases {
            let entries = zip(folder.files, digests).map {
                BagManifest.Entry(path: "data/" + $0.0.relativePath, digest: $0.1.hex(for: algorithm))
            }
            files.append((algorithm.manifestName, BagManifest(algorithm: algorithm, entries: entries).render()))
        }
        let tagEntries = files.map { BagManifest.Entry(path: $0.0, digest: BagDigests(of: $0.1).sha256) }
        files.append((BagManifest.Algorithm.sha256.tagManifestName,
                      BagManifest(algorithm: .sha256, entries: tagEntries).render()))
        return files
    }

    private func hash(_ file: RunFolder.File, in folder: RunFolder, hasher: ParallelHasher) throws(ArchiveError) -> BagDigests {
        let input = try InputFile(path: folder.root + "/" + file.relativePath)
        var total: Int64 = 0
        while case let count = try hasher.consume({ buffer throws(ArchiveError) in try input.read(into: buffer) }), count > 0 {
            total += Int64(count)
        }
        let digests = hasher.finalize()
        try checkUnchanged(file, input: input, bytesRead: total)
        return digests
    }

    private func pack(_ file: RunFolder.File, in folder: RunFolder, writer: ArchiveWriter, modificationTime: Int,
                      buffer: ChunkBuffer) throws(ArchiveError) {
        let input = try InputFile(path: folder.root + "/" + file.relativePath)
        try checkUnchanged(file, input: input, bytesRead: nil)
        try writer.beginFile(path: "\(folder.runId)/data/\(file.relativePath)", size: file.size, modificationTime: modificationTime)
        var total: Int64 = 0
        while case let count = try input.read(into: buffer.bytes), count > 0 {
            total += Int64(count)
            // Never write more than the header announced: tar would be corrupted, not just wrong.
            guard total <= file.size else { break }
            try writer.write(buffer.prefix(count))
        }
        try checkUnchanged(file, input: input, bytesRead: total)
        try writer.finishEntry()
    }

    /// A file whose size or modification time moved between the scan and now would make the
    /// manifests lie, so bagging stops instead.
    private func checkUnchanged(_ file: RunFolder.File, input: InputFile, bytesRead: Int64?) throws(ArchiveError) {
        let now = try input.metadata()
        if now.size != file.size || now.modificationNanos != file.modificationNanos || (bytesRead.map { $0 != file.size } ?? false) {
            throw ArchiveError(.changedWhileArchiving, "\(input.path) changed while it was being archived")
        }
    }

    private func checkOutputFree(_ output: String) throws(ArchiveError) {
        var info = stat()
        guard lstat(output, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw ArchiveError(.outputExists, "output \(output) is a folder")
        }
        if !options.force {
            throw ArchiveError(.outputExists, "output \(output) exists (use --force to replace it)")
        }
    }

    private func absolute(_ path: String) -> String {
        let base = URL(fileURLWithPath: options.workingDirectory, isDirectory: true)
        return URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL.path
    }

    private static func size(of path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }
}
