/// A synthetic UNTC status table, in the UNTC's notation, of a treaty that does not exist: EXAMPLE
/// data with a provisional-application column, shared by the tests of `treaties add` and of the
/// importer's columns (no real treaty's status).
public enum ExampleStatusTable {
    /// Two consents, three signatures and two provisional applications (one by letter `n`, one in
    /// its own column); the header says 3 signatories and 2 parties.
    public static let withProvisionalApplication = """
        EXAMPLE status table (synthetic, for tests; no real treaty's status)
        STATUS AS AT : 01-06-2026
        Signatories : 3. Parties : 2.
        Participant,Signature,"Ratification, Acceptance(A), Approval(AA), Accession(a)","Provisional application(n)"
        Albania,12 Jan 2021,3 Mar 2022,
        Brazil,12 Jan 2021,,5 May 2021 n
        Chile,,4 Apr 2023 a,1 Feb 2022
        Denmark,13 Jan 2021,,

        """
}
