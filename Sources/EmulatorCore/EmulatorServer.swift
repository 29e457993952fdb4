import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Serves an emulator over HTTP/1.1 on loopback with Hummingbird.
package enum EmulatorServer {
    /// The loopback address every emulator listens on.
    package static let host = "127.0.0.1"

    /// Request bodies above this are refused (BC online allows 350 MB, image uploads stay far below;
    /// tests never come close).
    static let maxBody = 64 * 1024 * 1024

    /// Builds the application, logging under the emulator's own label; `onListening` receives the bound
    /// port once connections are accepted.
    package static func application<Emulator: HTTPEmulator>(
        emulator: Emulator, port: Int, onListening: @escaping @Sendable (Int) async -> Void
    ) -> some ApplicationProtocol {
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            let body = try await request.body.collect(upTo: maxBody)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            if let authority = request.head.authority { headers["host"] = authority }
            let target = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            let answer = await emulator.respond(EmulatorRequest(request.method.rawValue, target, headers: headers, body: Array(buffer: body)))
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
            configuration: ApplicationConfiguration(address: .hostname(EmulatorServer.host, port: port), serverName: "posbridge-emulator"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: Emulator.serverLogger)
    }

    /// The one line for a server that could not listen on `port` (a busy port, a privileged one, an
    /// address this machine does not have), instead of the socket layer's `bind(descriptor:…)` text;
    /// nil for any other error.
    package static func listenFailure(_ error: any Error, port: Int) -> EmulatorError? {
        guard let failure = error as? IOError else { return nil }
        let address = "\(EmulatorServer.host):\(port)"
        switch failure.errnoCode {
        case EADDRINUSE:
            return EmulatorError(.server, "cannot listen on \(address): the address is already in use (pick another --port, or 0 for a free one)")
        case EACCES:
            return EmulatorError(.server, "cannot listen on \(address): permission denied (ports below 1024 need privileges; use another --port, or 0 for a free one)")
        case EADDRNOTAVAIL:
            return EmulatorError(.server, "cannot listen on \(address): the address is not available on this machine")
        default:
            return nil
        }
    }

    private struct DroppedConnection: Error {}
}
