import Testing
@testable import Coffee

@Suite("CSV header recognition — English or French, case, accents and spaces ignored")
struct HeaderNameTests {
    @Test(arguments: [
        ("First name", HeaderName.firstName), ("first_name", .firstName), ("FirstName", .firstName), ("Given name", .firstName),
        ("Prénom", .firstName), ("PRENOM", .firstName), (" prénom ", .firstName), ("Pre-nom", .firstName),
        ("Last name", .lastName), ("LAST NAME", .lastName), ("Surname", .lastName), ("Family name", .lastName),
        ("Nom", .lastName), ("NOM", .lastName), ("Nom de famille", .lastName),
        ("Email", .email), ("E-mail", .email), ("e-mail", .email), ("EMAIL", .email), ("E mail", .email),
        ("Courriel", .email), ("COURRIEL", .email), ("Adresse e-mail", .email), ("Email address", .email), ("Mail", .email),
    ])
    func recognizesMandatoryColumns(header: String, name: HeaderName) {
        #expect(HeaderName.recognize(header) == name)
    }

    @Test(arguments: ["City", "Ville", "Département", "", "Name", "Nom complet", "Emails", "Prénom usuel"])
    func otherColumnsAreNotMandatory(header: String) {
        #expect(HeaderName.recognize(header) == nil)
    }

    @Test("columns are located wherever they are, other columns kept in order")
    func locatesColumns() throws {
        let columns = try ImportColumns(header: ["Ville", "Courriel", "Nom", "Prénom", " Service "])
        #expect(columns.email == 1 && columns.lastName == 2 && columns.firstName == 3)
        #expect(columns.others.map(\.header) == ["Ville", "Service"])
        #expect(columns.others.map(\.index) == [0, 4])
    }

    @Test("a missing or repeated mandatory column is a file error", arguments: [
        (["Prénom", "Nom"], ImportError.missingColumn(.email)),
        (["Email", "Nom"], .missingColumn(.firstName)),
        (["First name", "Email"], .missingColumn(.lastName)),
        (["First name", "Last name", "Email", "Courriel"], .duplicateColumn(.email, columns: [2, 3])),
    ])
    func mandatoryColumns(header: [String], error: ImportError) {
        #expect(throws: error) { try ImportColumns(header: header) }
    }

    @Test("the error names the accepted spellings")
    func errorDescription() {
        #expect(ImportError.missingColumn(.email).description.contains("Courriel"))
    }
}
