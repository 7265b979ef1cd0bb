/// The version `percolator --version` prints.
public enum PercolatorVersion {
    public static let current = "0.1.0"
}
