/// The random-coffee domain: members and their lifecycle, categories, groups as
/// audiences, programs, sessions and the matching engine. Pure Swift values and
/// functions: no SCIM wire format, no SQL, no I/O.
public enum Coffee {
    /// The version of the matching engine, stored with every matched session so a run
    /// can be reproduced. 0.2.0: the exact pair matcher breaks ties by the seed.
    public static let engineVersion = "0.2.0"
}
