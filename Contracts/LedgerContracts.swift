/// The machine-readable contracts of `Contracts/`, embedded in the binary.
public enum LedgerContracts {
    /// The OpenAPI 3.1 document of the server's routes (`Contracts/openapi.json`), as served at
    /// `GET /api/openapi.json`.
    public static let openAPI: String = String(decoding: PackageResources.openapi_json, as: UTF8.self)
}
