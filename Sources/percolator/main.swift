import Percolator
print("percolator \(PercolatorVersion.current)")
