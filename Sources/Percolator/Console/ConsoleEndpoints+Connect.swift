import HTTP
extension ConsoleEndpoints {
    func registerConnect(on router: inout Router) {}
}
