// Public surface of @repro/canonical-provenance. Nothing is exported yet: see the package README.
export {};
