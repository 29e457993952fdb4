import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// An emulator that answers requests without a network: `BCEmulator`, `LSEmulator`.
package protocol HTTPEmulator: Sendable {
    /// The answer to one request.
    func respond(_ request: BCRequest) async -> BCResponse
    /// The logger label of a server for this emulator (`posbridge-emulator.bc`, …).
    static var name: String { get }
}

/// Serves an emulator over HTTP/1.1 on loopback with Hummingbird.
package enum EmulatorServer {
    /// Request bodies above this are refused (BC online allows 350 MB, image uploads stay far below;
    /// tests never come close).
    static let maxBody = 64 * 1024 * 1024

    /// Builds the application; `onListening` receives the bound port once connections are accepted.
    package static func application(
        emulator: some HTTPEmulator, port: Int, logger: Logger, onListening: @escaping @Sendable (Int) async -> Void
    ) -> some ApplicationProtocol {
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            let body = try await request.body.collect(upTo: maxBody)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            if let authority = request.head.authority { headers["host"] = authority }
            let target = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            let answer = await emulator.respond(BCRequest(request.method.rawValue, target, headers: headers, body: Array(buffer: body)))
            var fields = HTTPFields()
            for (name, value) in answer.headers {
                if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
            }
            if answer.dropConnection {
                // Throwing while writing the body makes Hummingbird close the connection mid-response: the client
                // sees a dropped connection, which is the fault we want to inject.
                return Response(status: .ok, headers: fields, body: ResponseBody { _ in throw DroppedConnection() })
            }
            return Response(status: HTTPResponse.Status(code: answer.status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
        return Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(Emulators.host, port: port), serverName: "posbridge-emulator"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    private struct DroppedConnection: Error {}
}
