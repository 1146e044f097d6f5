import Foundation

/// The reference data of `Fixtures/`, embedded in the binary so `cpsledger` works wherever it is copied.
public enum LedgerFixtures {
    /// `catalogue.json`: the Declaration's provisions and obligations.
    public static var catalogueJSON: Data { Data(PackageResources.catalogue_json) }
    /// `states.json`: the 193 Member States and the non-member participants.
    public static var statesJSON: Data { Data(PackageResources.states_json) }
}
