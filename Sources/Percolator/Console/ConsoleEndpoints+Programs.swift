import HTTP
extension ConsoleEndpoints {
    func registerPrograms(on router: inout Router) {}
}
