import Foundation
@testable import Percolator
import Testing
import TestSupport

/// The import report's reasons in the console's language (issue 13): rejected rows'
/// reasons and ignored columns' reasons come from the message tables, so a French page
/// shows them in French (they were the domain's English sentences).
@Suite("Admin console — the import report's reasons in French and English")
struct ConsoleImportReasonsTests {
    static let csv = "Prénom,Nom,Email,Notes,\nAda,Lovelace,pas-une-adresse,x,\nGrace,,grace@example.com,y,\n"
        + "Alan,Turing,alan@example.com,z,\nAlan,Turing,Alan@example.com,z,\n"

    @Test("a French dry run says why rows are rejected and columns ignored in French; the English one in English")
    func reasons() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            for (language, expected, unexpected) in [
                ("fr", ["« pas-une-adresse » n’est pas une adresse e-mail valide", "le nom manque", "le même e-mail figure déjà ligne 4",
                        "ignorée, comme choisi", "la colonne n’a pas d’en-tête"],
                 ["is not a valid email address", "the last name is missing", "ignored as chosen", "has no header"]),
                ("en", ["“pas-une-adresse” is not a valid email address", "the last name is missing",
                        "the same email is already on line 4", "ignored as chosen", "the column has no header"],
                 ["n’est pas une adresse", "le nom manque", "ignorée"]),
            ] {
                let uploaded = try await ConsoleImportTests.upload(browser, csv: Self.csv)
                let path = try #require(uploaded.headers["location"], "\(uploaded.status) \(uploaded.text)")
                let checked = try await browser.post(path + "/plan?lang=\(language)", [("column4", "ignore")], from: path)
                #expect(checked.status == 303, "\(checked.text)")
                let report = try await browser.get(path + "?lang=\(language)")
                for sentence in expected { #expect(report.text.contains(sentence), "\(language): \(sentence)") }
                for sentence in unexpected { #expect(!report.text.contains(sentence), "\(language): \(sentence)") }
            }
            #expect(try await live.client(token: live.adminToken).members().isEmpty, "a dry run writes nothing")
        }
    }

    @Test("a file error (a missing column, a quote never closed) is told in the page's language")
    func fileErrors() async throws {
        try await LiveServer.with { live in
            let browser = try await ConsoleTests.administrator(live)
            for (csv, french, english) in [
                ("Prénom,Nom,Ville\nAda,Lovelace,Paris\n", "pas de colonne « E-mail professionnel »", "no “Work email” column"),
                ("Prénom,Nom,Email\nAda,\"Lovelace,ada@example.com\n", "un champ entre guillemets n’est jamais fermé",
                 "a quoted field is never closed"),
            ] {
                for (language, expected, unexpected) in [("fr", french, english), ("en", english, french)] {
                    let uploaded = try await ConsoleImportTests.upload(browser, csv: csv)
                    let path = try #require(uploaded.headers["location"], "\(uploaded.status) \(uploaded.text)")
                    _ = try await browser.post(path + "/plan?lang=\(language)", [], from: path)
                    let report = try await browser.get(path + "?lang=\(language)")
                    #expect(report.text.contains(expected) && !report.text.contains(unexpected), "\(language): \(report.text)")
                }
            }
        }
    }
}
