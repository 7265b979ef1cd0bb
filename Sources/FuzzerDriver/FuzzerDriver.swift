#if !FUZZING
import Foundation
#endif

/// The `main` of Percolator's libFuzzer targets (FilterFuzzer, PatchFuzzer). Built with
/// `-DFUZZING` and `-sanitize=fuzzer` (scripts/fuzz.sh), it hands control to libFuzzer's
/// driver: SwiftPM names an executable's entry point itself, so instead of libFuzzer's
/// own `main` the target's calls this. A plain build replays each file named on the
/// command line through the target instead (crash reproducers).
public enum FuzzerDriver {
    /// A target's `LLVMFuzzerTestOneInput`.
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>, Int) -> CInt

    /// Runs `testOneInput` under libFuzzer, or over the files given as arguments.
    public static func run(_ testOneInput: TestOneInput) {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        _ = LLVMFuzzerRunDriver(&argc, &argv, testOneInput)
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                continue
            }
            let bytes = [UInt8](data)
            _ = bytes.withUnsafeBufferPointer { buffer in
                // An empty file still needs a valid pointer.
                withUnsafePointer(to: UInt8(0)) { empty in testOneInput(buffer.baseAddress ?? empty, buffer.count) }
            }
            print("ok \(path)")
        }
        #endif
    }
}

#if FUZZING
/// libFuzzer's driver entry point (compiler-rt `FuzzerInterface.h`).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt
#endif
