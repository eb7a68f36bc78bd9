"""Word lists that more than one module of the package reads (a list read by one module lives in that module)."""

LOCATIVE_HEADS = {"city", "town", "village", "province", "region", "district", "state", "governorate", "camp",
                  "area", "county", "oblast", "border", "outskirts", "capital", "valley", "strip", "side",
                  "municipality", "territory", "airport", "port", "fence", "crossing", "frontier", "coast",
                  "beach", "road", "highway", "suburb", "neighbourhood", "neighborhood", "countryside"}
ADMIN_UNITS = {"state", "province", "region", "governorate", "district", "county", "township", "oblast", "prefecture",
               "department", "municipality", "division", "lga", "commune", "cercle", "woreda", "tehsil", "zone"}
PARTICIPANTS = {"protester", "protestor", "demonstrator", "mourner", "rioter", "gunman", "kidnapper", "looter",
                "bomber", "mob"}
#: Nouns a cue word can merely describe: "riot police", "bomb squad", "protest leader", "mine clearance".
DESCRIBED = {"police", "policeman", "policemen", "officer", "gear", "squad", "unit", "shield", "control", "leader",
             "organiser", "organizer", "movement", "group", "expert", "specialist", "team", "launcher", "factory",
             "programme", "program", "test", "clearance", "disposal", "detector", "shelter", "site", "camp",
             "law", "charge", "season", "vehicle", "truck", "equipment", "training", "drill", "exercise", "warning",
             "alert", "siren", "threat", "scare", "hoax", "victim", "survivor", "suspect", "plot", "cell", "maker",
             "network", "ban", "deal", "talks", "negotiator"}
PROTEST_ACTS = {"gather", "stage", "march", "chant", "block", "occupy", "converge", "assemble", "storm", "throw",
                "burn", "rally", "demonstrate", "protest", "picket", "sing", "marched", "barricade", "take"}
PROTEST_WORDS = {"protest", "protester", "demonstration", "demonstrator", "rally", "march", "strike", "sit-in",
                 "vigil", "gathering", "procession"}
GATHER = {"gather", "assemble", "converge", "congregate", "drive"}
