extension ResourceType {
    /// The `User` resource type at `/Users` (RFC 7643 §6, §8.6): core User schema with
    /// the Enterprise User and Percolator extensions, neither required.
    public static let user = ResourceType(
        name: "User", endpoint: "/Users", description: "User Account", schema: .user,
        extensions: [
            Extension(schema: .enterpriseUser, isRequired: false),
            Extension(schema: .percolatorUser, isRequired: false),
        ])

    /// The `Group` resource type at `/Groups` (RFC 7643 §6, §8.6), no extensions.
    public static let group = ResourceType(
        name: "Group", endpoint: "/Groups", description: "Group", schema: .group, extensions: [])

    /// Every resource type Percolator serves, in `/ResourceTypes` order.
    public static let all: [ResourceType] = [.user, .group]

    /// All schemas Percolator serves at `/Schemas` (RFC 7643 §7), each once.
    public static var servedSchemas: [Schema] { [.user, .enterpriseUser, .percolatorUser, .group] }
}
