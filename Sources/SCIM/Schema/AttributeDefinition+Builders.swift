/// Shorthands for the attribute shapes RFC 7643 repeats, used to write the standard
/// schemas compactly.
extension AttributeDefinition {
    /// A single-valued, optional, read-write string (the RFC 7643 §2.2 defaults).
    static func string(_ name: String, _ description: String, caseExact: Bool = false,
                       mutability: Mutability = .readWrite, canonicalValues: [String] = []) -> AttributeDefinition {
        AttributeDefinition(name: name, description: description, isCaseExact: caseExact,
                            mutability: mutability, canonicalValues: canonicalValues)
    }

    /// The `primary` sub-attribute of a multi-valued attribute (RFC 7643 §2.4).
    static func primary(of attribute: String) -> AttributeDefinition {
        AttributeDefinition(name: "primary", type: .boolean,
                            description: "A Boolean value indicating the 'primary' or preferred \(attribute) value. The primary attribute value 'true' MUST appear no more than once.")
    }

    /// A multi-valued complex attribute with the `value`, `display`, `type` and
    /// `primary` sub-attributes of RFC 7643 §2.4.
    static func standardMultiValued(_ name: String, _ description: String, valueDescription: String,
                                    valueType: AttributeType = .string, valueReferenceTypes: [String] = [],
                                    singular: String, typeValues: [String]) -> AttributeDefinition {
        AttributeDefinition(
            name: name, type: .complex, isMultiValued: true, description: description,
            subAttributes: [
                AttributeDefinition(name: "value", type: valueType, description: valueDescription,
                                    referenceTypes: valueReferenceTypes),
                .string("display", "A human-readable name, primarily used for display purposes. READ-ONLY."),
                .string("type", typeDescription(typeValues), canonicalValues: typeValues),
                .primary(of: singular),
            ])
    }

    private static func typeDescription(_ values: [String]) -> String {
        guard values.count >= 2 else { return "A label indicating the attribute's function." }
        return "A label indicating the attribute's function, e.g., '\(values[0])' or '\(values[1])'."
    }
}
