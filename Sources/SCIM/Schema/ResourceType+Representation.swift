extension ResourceType {
    /// The representation served at `/ResourceTypes/{name}` (RFC 7643 §6, shaped like
    /// the §8.6 example), with `meta.location` built from `baseURL`
    /// (e.g. `https://example.com/scim/v2`; a trailing `/` is ignored).
    public func representation(baseURL: String) -> JSONValue {
        var object = JSONObject()
        object["schemas"] = [.string(SCIMSchemaURN.resourceType)]
        object["id"] = .string(name)
        object["name"] = .string(name)
        object["endpoint"] = .string(endpoint)
        object["description"] = .string(description)
        object["schema"] = .string(schema.id)
        if !extensions.isEmpty {
            object["schemaExtensions"] = .array(extensions.map { ["schema": .string($0.schema.id), "required": .bool($0.isRequired)] })
        }
        object["meta"] = [
            "resourceType": "ResourceType",
            "location": .string(Schema.trimmedBaseURL(baseURL) + "/ResourceTypes/" + name),
        ]
        return .object(object)
    }
}
