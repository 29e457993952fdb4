import EmulatorCore
import Foundation
import PosBridgeCore

/// The switchable faults: the shared ones (`rateLimit`, `failNext`, `delayMs`, `dropNext`, `pathContains`,
/// same JSON shape) with Lightspeed error bodies, plus a `bucket` section tuning the leaky bucket:
/// `{"bucket":{"size":90,"dripRate":1,"level":85,"burstLimit":20}}` (`level` only on writes).
package final class LSFaults: Sendable {
    /// The shared injector doing the counting.
    let injector: FaultInjector
    /// The leaky bucket.
    package let bucket: EmulatedBucket
    private let initialBucket: EmulatedBucket.Settings

    /// Makes the faults from the options.
    package init(options: LSEmulatorOptions) {
        injector = FaultInjector(settings: options.faults, clock: options.clock)
        initialBucket = EmulatedBucket.Settings(size: options.bucketSize, dripRate: options.dripRate, burstLimit: options.burstLimit)
        bucket = EmulatedBucket(size: options.bucketSize, dripRate: options.dripRate, burstLimit: options.burstLimit, clock: options.clock)
    }

    /// Applies the faults to one API request (nil: answer it); injected errors carry Lightspeed's body and,
    /// for 429, its rate-limit header.
    func intercept(_ request: EmulatorRequest) async -> EmulatorResponse? {
        await injector.intercept(request) { refusal in
            var headers = refusal.headers
            if refusal.status == 429 { headers.append(("X-LS-API-RateLimit-Type", "api-leaky-bucket")) }
            let message = refusal.status == 429 ? "Injected fault: rate limit exceeded." : "Injected fault: the service is unavailable."
            return LightspeedAPIError(refusal.status, message, headers: headers).response
        }
    }

    /// The JSON form for `GET /_emulator/faults`.
    package var json: JSONValue {
        guard case .object(var members) = injector.settings.json else { return .null }
        let settings = bucket.settings
        members["bucket"] = [
            "size": .number(CanonicalNumber(LSWireFormat.decimal(settings.size)) ?? CanonicalNumber(0)),
            "dripRate": .number(CanonicalNumber(LSWireFormat.decimal(settings.dripRate)) ?? CanonicalNumber(0)),
            "level": .number(CanonicalNumber(LSWireFormat.decimal(bucket.level)) ?? CanonicalNumber(0)),
            "burstLimit": .number(CanonicalNumber(settings.burstLimit)),
            "servedCost": .number(CanonicalNumber(LSWireFormat.decimal(bucket.totals.servedCost)) ?? CanonicalNumber(0)),
            "refused": .number(CanonicalNumber(bucket.totals.refused)),
        ]
        return .object(members)
    }

    /// Applies a `POST /_emulator/faults` body: the shared members replace the faults; `bucket` tunes the bucket.
    func replace(_ json: JSONValue) throws(LightspeedAPIError) {
        guard var members = json.objectValue else { throw LightspeedAPIError(400, "Fault settings must be a JSON object.") }
        if let bucketJSON = members.removeValue(forKey: "bucket"), bucketJSON != .null {
            guard let fields = bucketJSON.objectValue else { throw LightspeedAPIError(400, "Fault setting 'bucket' must be an object.") }
            var settings = bucket.settings
            var level: Double?
            for (name, value) in fields {
                guard case .number(let number) = value, let double = Double(number.text), double >= 0 else {
                    throw LightspeedAPIError(400, "Bucket setting '\(name)' must be a number ≥ 0.")
                }
                switch name {
                case "size": settings.size = double
                case "dripRate": settings.dripRate = double
                case "level": level = double
                case "burstLimit": settings.burstLimit = Int(double)
                default: throw LightspeedAPIError(400, "Unknown bucket setting '\(name)'.")
                }
            }
            bucket.configure(settings, level: level)
        }
        do {
            injector.replace(try FaultSettings(json: .object(members)))
        } catch {
            throw LightspeedAPIError(400, error.message)
        }
    }

    /// No faults (as the BC emulator's DELETE) and an empty bucket of the start-up size.
    func reset() {
        injector.replace(FaultSettings())
        bucket.configure(initialBucket, level: 0)
    }
}
