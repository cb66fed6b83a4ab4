// Generated from openapi/openapi.json by `npm run gen:api` (openapi-typescript). Do not edit.

export interface paths {
    "/api/v1/health/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and database reachability */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account (volunteer by default) and sign in
         * @description A phone number or e-mail that is already registered answers as sign-in would: 200
         *     with the account's tokens if the password is its own, otherwise 401 "wrong account
         *     or password". The answer never says whether an account exists.
         */
        post: operations["postSignUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/signin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with a mobile phone number or e-mail and a password */
        post: operations["postSignIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for a new pair; the old one is spent
         * @description `mode=json`: the refresh token as the bearer token. `mode=cookie`: the refresh cookie
         *     and its CSRF token in `X-CSRF-TOKEN`; the new refresh token comes as a cookie.
         */
        post: operations["postRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/signout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out: this access token and its refresh tokens stop working
         * @description With `mode=cookie` the refresh cookies are cleared too.
         */
        post: operations["postSignOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your password; every other session is signed out */
        post: operations["postPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your own account */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update your own profile (name, home region, language) */
        patch: operations["patchMe"];
        trace?: never;
    };
    "/api/v1/users/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the accounts in your scope (admins: all; coordinators: their areas) */
        get: operations["getUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        /** One account, if it is in your scope */
        get: operations["getUserById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{user_id}/role": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        get?: never;
        /** Change an account's role (admins) */
        put: operations["putUserRole"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{user_id}/areas": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        get?: never;
        /** Assign the regions a coordinator is responsible for (admins) */
        put: operations["putUserAreas"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{user_id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        get?: never;
        /** Enable or disable an account (admins) */
        put: operations["putUserStatusView"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/regions/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search regions by parent, level or name */
        get: operations["getRegions"];
        put?: never;
        /** Create a township under a county, or a village under a township (admins) */
        post: operations["postRegions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/regions/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        /** One region */
        get: operations["getRegionByCode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Query the audit log by user, action, object and time (admins) */
        get: operations["getAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/need-categories/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The need categories in use */
        get: operations["getNeedCategories"];
        put?: never;
        /** Add a category (admins) */
        post: operations["postNeedCategories"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/need-categories/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename or retire a category (admins) */
        patch: operations["patchNeedCategoryByCode"];
        trace?: never;
    };
    "/api/v1/aid-items/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The items and purposes in use */
        get: operations["getAidItems"];
        put?: never;
        /** Add an item or purpose (admins) */
        post: operations["postAidItems"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/aid-items/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename or retire an item or purpose (admins) */
        patch: operations["patchAidItemByCode"];
        trace?: never;
    };
    "/api/v1/children/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List children of your area (admins: pseudonymous); every listing is audited */
        get: operations["getChildren"];
        put?: never;
        /** Open a child's file in your area */
        post: operations["postChildren"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/children/{child_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                child_id: number;
            };
            cookie?: never;
        };
        /** A child's file (the read is audited) */
        get: operations["getChildById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update a child's file; send the ETag you read as If-Match */
        patch: operations["patchChildById"];
        trace?: never;
    };
    "/api/v1/children/{child_id}/risk": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                child_id: number;
            };
            cookie?: never;
        };
        get?: never;
        /** Set the guardianship risk level, with the reason; recorded in the file */
        put: operations["putChildRisk"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/children/{child_id}/consent": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                child_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the guardian's consent (supersedes an earlier one) */
        post: operations["postChildConsent"];
        /** Record that the guardian withdrew consent: the child's needs stop being matched */
        delete: operations["deleteChildConsent"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/children/{child_id}/records": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                child_id: number;
            };
            cookie?: never;
        };
        /** The file's history: visits, work log, assistance, problems, changes */
        get: operations["getChildRecords"];
        put?: never;
        /** Add a work-log entry, an assistance record or a problem found */
        post: operations["postChildRecords"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/children/{child_id}/records/{record_id}/resolution": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                child_id: number;
                record_id: number;
            };
            cookie?: never;
        };
        get?: never;
        /** Record how a problem found was solved */
        put: operations["putProblemResolution"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/children/{child_id}/needs": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                child_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a need to the child's need list (需求清单) */
        post: operations["postChildNeeds"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/needs/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Needs: coordinators their area's; providers the published open ones, pseudonymous */
        get: operations["getNeeds"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/needs/{need_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                need_id: number;
            };
            cookie?: never;
        };
        /** One need; coordinators also see what the latest match run did with it */
        get: operations["getNeedById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit an open need; send the ETag you read as If-Match */
        patch: operations["patchNeedById"];
        trace?: never;
    };
    "/api/v1/needs/{need_id}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                need_id: number;
            };
            cookie?: never;
        };
        /** Every status change of the need: who, when, why */
        get: operations["getNeedTransitions"];
        put?: never;
        /** Move the need along open → proposed → matched → fulfilled | closed (or reopen) */
        post: operations["postNeedTransitions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/volunteers/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your volunteer profile */
        get: operations["getMyProfile"];
        /** Register or update your volunteer profile */
        put: operations["putMyProfile"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/volunteers/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Volunteers living in your area (admins: all) */
        get: operations["getVolunteers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/volunteers/{volunteer_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                volunteer_id: number;
            };
            cookie?: never;
        };
        /** One volunteer */
        get: operations["getVolunteerById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/volunteers/{volunteer_id}/check": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                volunteer_id: number;
            };
            cookie?: never;
        };
        get?: never;
        /** Record a background-check outcome (only outcome, verifier and dates are kept) */
        put: operations["putBackgroundCheck"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/volunteers/{volunteer_id}/verified-skills": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                volunteer_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark declared skills as verified (certificates seen) */
        post: operations["postVerifiedSkills"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agencies/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The published list of social-work agencies */
        get: operations["getAgencies"];
        put?: never;
        /** Register your agency; you become its first member */
        post: operations["postAgencies"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agencies/{agency_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agency_id: number;
            };
            cookie?: never;
        };
        /** One agency */
        get: operations["getAgencyById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit your agency (services, capacity, townships, contract); If-Match required */
        patch: operations["patchAgencyById"];
        trace?: never;
    };
    "/api/v1/organizations/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The published list of donating enterprises and charities */
        get: operations["getOrganizations"];
        put?: never;
        /** Register your enterprise or charity; you become its first member */
        post: operations["postOrganizations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{org_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org_id: number;
            };
            cookie?: never;
        };
        /** One organisation */
        get: operations["getOrganizationById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit your organisation (If-Match required); alliance membership is confirmed by
         *     an admin or the area's coordinator, who may change nothing else
         */
        patch: operations["patchOrganizationById"];
        trace?: never;
    };
    "/api/v1/organizations/{org_id}/resources": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Offer goods, funds or training posts */
        post: operations["postOrganizationResources"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/resources/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Resources on offer */
        get: operations["getResources"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ledger/template": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the ledger template (Chinese headers, each with its English key) */
        get: operations["getTemplate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ledger/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import or update a ledger (CSV or XLSX), all rows or none; dry_run reports each row
         * @description Each child is matched to a file on record by ID number, else by the code an export
         *     wrote in `child_key`, else by name and birth date: new children get a file, files
         *     on record get the changed fields (a blank cell keeps what the file says) and new
         *     needs, unchanged rows are left alone. `row_results` gives each row's status (new,
         *     changed with the columns, unchanged, error). `dry_run=true` checks every row with
         *     the same rules as the API and answers the report (200), writing nothing.
         *     Otherwise, if every row is good, all are written (201); if any row is bad,
         *     nothing is written (422, `rows` lists the bad rows). Headers may be the
         *     template's or the national exchange layout's.
         */
        post: operations["postImports"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ledger/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export a region's children and needs as XLSX (audited as a read of each file)
         * @description The template's columns (or, with `layout=national`, the national exchange layout's
         *     headers), then each need's status, the child's last visit and the township and
         *     village names (ignored when the file is imported again). Imported again unedited,
         *     every row is `unchanged`.
         */
        get: operations["getExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/match-runs/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Runs of your regions, newest first */
        get: operations["getMatchRuns"];
        put?: never;
        /**
         * Queue a match run for a region of yours now (the weekly run does the same); a
         *     worker runs it; follow its `Location` for the stage and progress
         */
        post: operations["postMatchRuns"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/match-runs/{run_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                run_id: number;
            };
            cookie?: never;
        };
        /** A run: parameters, stage timings, engine status and figures */
        get: operations["getMatchRunById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/match-runs/{run_id}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                run_id: number;
            };
            cookie?: never;
        };
        /** What changed since the previous run: proposals new, kept, and gone with why */
        get: operations["getMatchRunChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/match-runs/{run_id}/unserved": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                run_id: number;
            };
            cookie?: never;
        };
        /** The needs the run left open, each with the binding reason */
        get: operations["getMatchRunUnserved"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/proposals/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Proposals of your area, highest priority first, each with its explanation */
        get: operations["getProposals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/proposals/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve and reject many proposals at once (all or nothing; each item names the
         *     version it decides on); parts of one need may be approved together
         */
        post: operations["postDecisions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/proposals/{proposal_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                proposal_id: number;
            };
            cookie?: never;
        };
        /** One proposal with why it was made */
        get: operations["getProposalById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/proposals/{proposal_id}/approval": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                proposal_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a proposal (If-Match: the proposal's ETag); it becomes a pairing */
        post: operations["postApproval"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/proposals/{proposal_id}/rejection": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                proposal_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a proposal with a reason (If-Match: its ETag); the pair is not proposed again */
        post: operations["postRejection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pairings/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pairings: coordinators those of their area; providers their own */
        get: operations["getPairings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pairings/{pairing_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pairing_id: number;
            };
            cookie?: never;
        };
        /** One pairing */
        get: operations["getPairingById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pairings/{pairing_id}/acceptance": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pairing_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an approved pairing */
        post: operations["postAcceptance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pairings/{pairing_id}/declination": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pairing_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decline an approved pairing; the need reopens and the pair is not proposed again */
        post: operations["postDeclination"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pairings/{pairing_id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pairing_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End a pairing with a reason (coordinator or provider); the need reopens */
        post: operations["postEnd"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pairings/{pairing_id}/delivery": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pairing_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm that the goods were handed over and signed for (签收); the pairing ends as
         *     delivered and the need is fulfilled once every part of it is
         */
        post: operations["postDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/pairings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your pairings: awaiting your answer, active (with what a visit needs), ended */
        get: operations["getMyPairings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything that changed since your watermark, in one small response */
        get: operations["getSync"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/hours": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your confirmed and pending service hours, and your star level */
        get: operations["getMyHours"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your in-app inbox (ids and codes to open, never personal data) */
        get: operations["getMyNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/notifications/{notification_id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                notification_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a notification read */
        post: operations["postNotificationRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/visits/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Visits: your own; coordinators those of their area */
        get: operations["getVisits"];
        put?: never;
        /** Record a visit or contact; it goes into the child's file */
        post: operations["postVisits"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/visits/{visit_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                visit_id: string;
            };
            cookie?: never;
        };
        /** One visit */
        get: operations["getVisitById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit your visit within the edit window, until its hours are decided; If-Match */
        patch: operations["patchVisitById"];
        trace?: never;
    };
    "/api/v1/visits/{visit_id}/hours": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                visit_id: string;
            };
            cookie?: never;
        };
        get?: never;
        /** Confirm or reject the service hours of a visit (服务登记); If-Match: its ETag */
        put: operations["putVisitHours"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/visits/roll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The area's volunteers with confirmed and pending hours and star levels */
        get: operations["getHoursRoll"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/visit-schedule/overdue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Children of your area whose visit or contact is overdue (004 item 4), highest
         *     risk first, then the longest unseen; with each child's village and name (for the
         *     child's coordinators; a listing of names is audited) and the last reminder sent
         */
        get: operations["getOverdue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/urgent-reports/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reports you filed; coordinators also those of their area */
        get: operations["getReports"];
        put?: never;
        /** Report a child in danger: every coordinator of the area is alerted at once */
        post: operations["postReports"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/urgent-reports/{report_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                report_id: number;
            };
            cookie?: never;
        };
        /** A report and everything added to it */
        get: operations["getReportById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/urgent-reports/{report_id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                report_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add to a report: a note, or (coordinators) handling and the outcome */
        post: operations["postReportEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/children": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Children by risk level, category, township and age band */
        get: operations["getstats_children"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/needs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Needs by category and status; time from opening to matched */
        get: operations["getstats_needs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/served": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Children with needs who were served, by risk level */
        get: operations["getstats_served"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/visits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Visits and contacts due vs done by risk level (004 item 4) */
        get: operations["getstats_visits"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/urgent-reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Urgent reports by danger; time to first handling */
        get: operations["getstats_urgent_reports"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Volunteers, agencies and organisations registered and active */
        get: operations["getstats_providers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/delivery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Service hours; goods and funds given */
        get: operations["getstats_delivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The public list of organisations (003): agencies, enterprises and charities that
         *     served children of a region in a period, with how many (fewer than 5: not shown)
         */
        get: operations["getOrganisations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The quarterly or annual report: all the statistics of a period, as JSON, XLSX (one
         *     sheet per table) or PDF; a year's report is published (cells under 5 children
         *     blanked) unless `published=false`
         */
        get: operations["getReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This week in your area: children by risk and category, needs by status, high-risk
         *     children served, overdue visits, open urgent reports, the last and the next run
         */
        get: operations["getOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/map": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Children with needs (pseudonymous codes; names for their coordinators), the
         *     providers proposed or paired for them and the pairs, with coordinates
         */
        get: operations["getMap"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/match-runs/{run_id}/what-if": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                run_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * If you recruited these providers, or a provider took more: how many more needs the
         *     run's region would serve, by risk tier, and which (computed, never proposed)
         */
        post: operations["postWhatIf"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/match-runs/{run_id}/recruiting": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                run_id: number;
            };
            cookie?: never;
        };
        /**
         * Where to recruit: per township, the categories and skills whose lack leaves the
         *     most priority unserved in this run, with what one more provider there would serve
         */
        get: operations["getRecruiting"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/spot-checks/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Spot-checks of your regions, newest first */
        get: operations["getSpotChecks"];
        put?: never;
        /**
         * Draw the year's sample of a region of yours (stratified by risk level, per
         *     township; give `seed` to draw a known sample again)
         */
        post: operations["postSpotChecks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/spot-checks/{check_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                check_id: number;
            };
            cookie?: never;
        };
        /** A spot-check with its summary per township and risk level */
        get: operations["getSpotCheckById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/spot-checks/{check_id}/items": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                check_id: number;
            };
            cookie?: never;
        };
        /** The sampled files (pseudonymous codes) and what was recorded for each */
        get: operations["getItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/spot-checks/{check_id}/items/{item_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                check_id: number;
                item_id: number;
            };
            cookie?: never;
        };
        /**
         * One sampled file with what it shows for each criterion (a read of the file,
         *     audited)
         */
        get: operations["getItemById"];
        /** Record the checklist of one file (audited) */
        put: operations["putItemById"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/children/{child_id}/file-summary": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                child_id: number;
            };
            cookie?: never;
        };
        /** A child's file summary (一人一档) to print; audited as a read of the file */
        get: operations["getFileSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/children/{child_id}/entrusted-care": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                child_id: number;
            };
            cookie?: never;
        };
        /**
         * The entrusted-care confirmation (委托照护确认书) filled in from the file, to sign;
         *     audited as a read of the file
         */
        get: operations["getEntrustedCare"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/service-certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a service record (志愿服务记录证明) of confirmed hours in a period:
         *     coordinators for volunteers of their area, volunteers for themselves
         */
        post: operations["postCertificates"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/service-certificates/{certificate_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                certificate_id: number;
            };
            cookie?: never;
        };
        /** A service record as issued */
        get: operations["getCertificateById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/service-certificates/{certificate_id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                certificate_id: number;
            };
            cookie?: never;
        };
        /** The service record to print, with its verification code and QR code */
        get: operations["getCertificatePdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/verify/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        /**
         * Check a service record by its code: hours, period and organisation, nothing
         *     personal
         */
        get: operations["getVerify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Problem: {
            /** @description URI reference naming the problem type */
            type: string;
            /** @description Short summary, in the caller's language */
            title: string;
            /** @description HTTP status code */
            status: number;
            /** @description Stable machine-readable error code */
            code: string;
            /** @description Explanation, in the caller's language */
            detail?: string;
            /** @description The request path */
            instance: string;
            /** @description The field a conflict concerns */
            field?: string;
            /** @description Why a proposal is stale */
            reason?: string;
            /** @description An invalid transition's start */
            from_status?: string;
            /** @description An invalid transition's target */
            to_status?: string;
            /** @description What is wrong with each field (400, 422): the field's name (dotted inside a body; `_schema` for the whole body, `json` for an unreadable one) to a list of messages, or to the errors of its own fields */
            errors?: {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        PaginationMetadata: {
            /** @description Total number of items. */
            total?: number;
            /** @description Total number of pages. */
            total_pages?: number;
            /** @description First available page number. */
            first_page?: number;
            /** @description Last available page number. */
            last_page?: number;
            /** @description Current page number. */
            page?: number;
            /** @description Previous page number. */
            previous_page?: number;
            /** @description Next page number. */
            next_page?: number;
        };
        Health: {
            /** @example ok */
            status: string;
            /** @example sqlite */
            database: string;
        };
        SignUp: {
            /**
             * @description Mainland mobile number, +86 optional
             * @example 13800138000
             */
            phone?: string;
            /** Format: email */
            email?: string;
            password: string;
            display_name: string;
            /**
             * @description Coordinators see nothing until an admin assigns an area
             * @default volunteer
             * @enum {string}
             */
            account_type: "volunteer" | "agency_staff" | "donor" | "coordinator";
            /**
             * @description Home village or township
             * @example 350582000000
             */
            region_code?: string;
            /** @enum {string} */
            locale?: "zh_CN" | "en";
        } | unknown | unknown;
        User: {
            readonly id?: number;
            readonly display_name?: string;
            /** @enum {string} */
            readonly role?: "admin" | "coordinator" | "volunteer" | "agency_staff" | "donor";
            /** @enum {string} */
            readonly status?: "active" | "disabled";
            readonly region_code?: string | null;
            readonly phone?: string | null;
            readonly email?: string | null;
            readonly locale?: string | null;
            readonly area_codes?: string[];
            /** @description The agency you act for */
            readonly agency_id?: number | null;
            /** @description The enterprise or charity you act for */
            readonly organization_id?: number | null;
            /** Format: date-time */
            readonly created_at?: string;
            /** Format: date-time */
            readonly last_sign_in_at?: string | null;
        };
        TokenPair: {
            access_token: string;
            /** @description Absent with `mode=cookie`: the refresh token is in a cookie */
            refresh_token?: string;
            /** @example Bearer */
            token_type: string;
            /** @description Seconds the access token stays valid */
            expires_in: number;
            user: components["schemas"]["User"];
        };
        SignIn: {
            /** @description Mobile phone number or e-mail address */
            identifier: string;
            password: string;
        };
        PasswordChange: {
            current_password: string;
            new_password: string;
        };
        ProfileUpdate: {
            display_name?: string;
            /**
             * @description Region code: 6-digit GB/T 2260 or 9/12-digit statistical code
             * @example 350582000000
             */
            region_code?: string;
            /** @enum {string} */
            locale?: "zh_CN" | "en";
        };
        RoleChange: {
            /** @enum {string} */
            role: "admin" | "coordinator" | "volunteer" | "agency_staff" | "donor";
        };
        Areas: {
            region_codes: string[];
        };
        StatusChange: {
            /** @enum {string} */
            status: "active" | "disabled";
        };
        Region: {
            /** @example 350582000000 */
            readonly code?: string;
            /** @example 晋江市 */
            readonly name?: string;
            /** @enum {string} */
            readonly level?: "province" | "city" | "county" | "township" | "village";
            readonly parent_code?: string | null;
            readonly lat?: number | null;
            readonly lon?: number | null;
        };
        RegionCreate: {
            /**
             * @description 9-digit township or 12-digit village statistical code
             * @example 350582000000
             */
            code: string;
            name: string;
            /**
             * @description The county (for a township) or township
             * @example 350582000000
             */
            parent_code: string;
            lat?: number;
            lon?: number;
        };
        AuditEvent: {
            readonly id?: number;
            /** Format: date-time */
            readonly at?: string;
            readonly actor_id?: number | null;
            readonly actor_role?: string | null;
            readonly action?: string;
            readonly object_type?: string | null;
            readonly object_id?: string | null;
            readonly outcome?: string;
            readonly ip?: string | null;
            readonly user_agent?: string | null;
            readonly detail?: {
                [key: string]: unknown;
            } | null;
        };
        NeedCategory: {
            readonly code?: string;
            readonly name_zh?: string;
            readonly name_en?: string;
            /** @enum {string} */
            readonly kind?: "service" | "goods" | "funds" | "post";
            readonly in_person_default?: boolean;
            readonly active?: boolean;
        };
        NeedCategoryCreate: {
            code: string;
            name_zh: string;
            name_en: string;
            /** @enum {string} */
            kind: "service" | "goods" | "funds" | "post";
            /** @default true */
            in_person_default: boolean;
        };
        NeedCategoryUpdate: {
            name_zh?: string;
            name_en?: string;
            in_person_default?: boolean;
            active?: boolean;
        };
        AidItem: {
            readonly code?: string;
            /** @enum {string} */
            readonly kind?: "goods" | "funds";
            readonly name_zh?: string;
            readonly name_en?: string;
            readonly active?: boolean;
        };
        AidItemCreate: {
            code: string;
            /** @enum {string} */
            kind: "goods" | "funds";
            name_zh: string;
            name_en: string;
        };
        AidItemUpdate: {
            name_zh?: string;
            name_en?: string;
            active?: boolean;
        };
        Child: {
            readonly id?: number;
            /** @description Pseudonymous code */
            readonly code?: string;
            readonly age_band?: unknown;
            readonly township_code?: string;
            readonly region_code?: string;
            readonly name?: unknown;
            readonly id_number?: unknown;
            readonly phone?: unknown;
            readonly address?: unknown;
            readonly guardian?: unknown;
            readonly entrusted_care?: unknown;
            /** Format: date */
            readonly birth_date?: string;
            readonly age?: unknown;
            /** @enum {string|null} */
            readonly gender?: "female" | "male" | null;
            readonly lat?: number;
            readonly lon?: number;
            readonly categories?: string[];
            readonly disability?: {
                [key: string]: unknown;
            } | null;
            /** @enum {string} */
            readonly risk_level?: "high" | "medium" | "low";
            /** Format: date-time */
            readonly risk_changed_at?: string;
            readonly consent?: unknown;
            readonly matchable?: unknown;
            /** Format: date-time */
            readonly created_at?: string;
            /** Format: date-time */
            readonly updated_at?: string;
        };
        Disability: {
            /** @enum {string} */
            type: "visual" | "hearing" | "speech" | "physical" | "intellectual" | "mental" | "multiple";
            grade: number;
            certificate_no?: string;
        };
        Contact: {
            name: string;
            /** @example 祖母 */
            relation?: string;
            phone?: string;
            /** @description Parents: where they work */
            work_place?: string;
        };
        EntrustedCare: {
            parents?: components["schemas"]["Contact"][];
            carer?: components["schemas"]["Contact"];
            /** Format: date */
            start?: string;
            /** Format: date */
            end?: string;
        };
        ChildCreate: {
            lat?: number;
            lon?: number;
            /**
             * @description gcj02 for what Chinese map SDKs return; stored as WGS-84
             * @default wgs84
             * @enum {string}
             */
            coord_system: "wgs84" | "gcj02";
            name: string;
            id_number?: string;
            /** Format: date */
            birth_date?: string;
            /** @enum {string} */
            gender?: "female" | "male";
            phone?: string;
            address?: string;
            /**
             * @description The child's village (12 digits)
             * @example 350582000000
             */
            region_code: string;
            categories?: ("left_behind" | "family_hardship" | "disability" | "serious_illness" | "autism" | "guardianship_hardship" | "orphan" | "de_facto_unsupported" | "hiv_affected")[];
            disability?: (Record<string, never> | null) | components["schemas"]["Disability"];
            guardian?: components["schemas"]["Contact"];
            entrusted_care?: (Record<string, never> | null) | components["schemas"]["EntrustedCare"];
            /**
             * @default low
             * @enum {string}
             */
            risk_level: "high" | "medium" | "low";
        };
        ChildUpdate: {
            lat?: number;
            lon?: number;
            /**
             * @description gcj02 for what Chinese map SDKs return; stored as WGS-84
             * @default wgs84
             * @enum {string}
             */
            coord_system: "wgs84" | "gcj02";
            name?: string;
            id_number?: string;
            /** Format: date */
            birth_date?: string;
            /** @enum {string} */
            gender?: "female" | "male";
            phone?: string;
            address?: string;
            /**
             * @description The child's village (12 digits)
             * @example 350582000000
             */
            region_code?: string;
            categories?: ("left_behind" | "family_hardship" | "disability" | "serious_illness" | "autism" | "guardianship_hardship" | "orphan" | "de_facto_unsupported" | "hiv_affected")[];
            disability?: (Record<string, never> | null) | components["schemas"]["Disability"];
            guardian?: components["schemas"]["Contact"];
            entrusted_care?: (Record<string, never> | null) | components["schemas"]["EntrustedCare"];
        };
        RiskChange: {
            /** @enum {string} */
            risk_level: "high" | "medium" | "low";
            reason: string;
        };
        ConsentCreate: {
            guardian_name: string;
            guardian_relation: string;
            /** Format: date */
            given_on: string;
            scope: ("matching" | "visits" | "sharing")[];
            /** @description Where the signed form is kept (archive number, scan id) */
            evidence_ref: string;
        };
        Consent: {
            readonly id?: number;
            /** Format: date */
            readonly given_on?: string;
            readonly scope?: string[];
            readonly evidence_ref?: string;
            /** Format: date-time */
            readonly recorded_at?: string;
            readonly guardian_name?: unknown;
            readonly guardian_relation?: unknown;
        };
        Record: {
            readonly id?: number;
            /** @enum {string} */
            readonly kind?: "visit" | "work_log" | "assistance" | "problem" | "risk_change" | "need_change" | "consent" | "pairing";
            /** Format: date-time */
            readonly at?: string;
            readonly author_id?: number | null;
            readonly body?: unknown;
            readonly data?: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            readonly resolved_at?: string | null;
            readonly resolution?: unknown;
        };
        RecordCreate: {
            /** @enum {string} */
            kind: "work_log" | "assistance" | "problem";
            body: string;
        };
        Resolve: {
            resolution: string;
        };
        NeedCreate: {
            /** @description Goods: the item (书包文具...); funds: the purpose (学费...) */
            item_code?: string;
            skills?: string[];
            in_person?: boolean;
            hours_per_week?: number;
            quantity?: number;
            unit?: string;
            /** @description Yuan */
            amount?: number;
            /** @enum {string} */
            urgency?: "normal" | "urgent" | "critical";
            recurring?: boolean;
            /**
             * @description A hard preference
             * @enum {string|null}
             */
            preferred_gender?: "female" | "male" | null;
            /** @description e.g. sign, minnan */
            languages?: string[];
            description?: string | null;
            category_code: string;
        };
        NeedChild: {
            readonly id?: number;
            readonly code?: string;
            readonly age_band?: unknown;
            readonly township_code?: string;
            readonly region_code?: string;
            readonly name?: unknown;
            /** @enum {string} */
            readonly risk_level?: "high" | "medium" | "low";
            readonly matchable?: unknown;
        };
        Need: {
            readonly id?: number;
            readonly child?: components["schemas"]["NeedChild"];
            readonly category_code?: string;
            readonly item_code?: string | null;
            /** @enum {string} */
            readonly status?: "open" | "proposed" | "matched" | "fulfilled" | "closed";
            readonly skills?: string[];
            readonly in_person?: boolean;
            readonly hours_per_week?: number | null;
            readonly quantity?: number | null;
            readonly unit?: string | null;
            readonly amount?: number | null;
            /** @enum {string} */
            readonly urgency?: "normal" | "urgent" | "critical";
            readonly recurring?: boolean;
            /** @enum {string|null} */
            readonly preferred_gender?: "female" | "male" | null;
            readonly languages?: string[];
            readonly description?: string | null;
            /** Format: date-time */
            readonly opened_at?: string;
            /** Format: date-time */
            readonly created_at?: string;
            /** Format: date-time */
            readonly updated_at?: string;
        };
        NeedDetail: {
            readonly id?: number;
            readonly child?: components["schemas"]["NeedChild"];
            readonly category_code?: string;
            readonly item_code?: string | null;
            /** @enum {string} */
            readonly status?: "open" | "proposed" | "matched" | "fulfilled" | "closed";
            readonly skills?: string[];
            readonly in_person?: boolean;
            readonly hours_per_week?: number | null;
            readonly quantity?: number | null;
            readonly unit?: string | null;
            readonly amount?: number | null;
            /** @enum {string} */
            readonly urgency?: "normal" | "urgent" | "critical";
            readonly recurring?: boolean;
            /** @enum {string|null} */
            readonly preferred_gender?: "female" | "male" | null;
            readonly languages?: string[];
            readonly description?: string | null;
            /** Format: date-time */
            readonly opened_at?: string;
            /** Format: date-time */
            readonly created_at?: string;
            /** Format: date-time */
            readonly updated_at?: string;
            /** @description Units approved pairings cover (goods and funds in parts) */
            readonly paired?: unknown;
            /** @description The latest run's outcome: proposed, or left open with the reason */
            readonly last_match?: Record<string, never> | null;
        };
        NeedUpdate: {
            /** @description Goods: the item (书包文具...); funds: the purpose (学费...) */
            item_code?: string;
            skills?: string[];
            in_person?: boolean;
            hours_per_week?: number;
            quantity?: number;
            unit?: string;
            /** @description Yuan */
            amount?: number;
            /** @enum {string} */
            urgency?: "normal" | "urgent" | "critical";
            recurring?: boolean;
            /**
             * @description A hard preference
             * @enum {string|null}
             */
            preferred_gender?: "female" | "male" | null;
            /** @description e.g. sign, minnan */
            languages?: string[];
            description?: string | null;
        };
        Transition: {
            readonly id?: number;
            readonly from_status?: string | null;
            readonly to_status?: string;
            /** Format: date-time */
            readonly at?: string;
            readonly actor_id?: number | null;
            readonly reason?: string | null;
        };
        TransitionCreate: {
            /** @enum {string} */
            to: "open" | "proposed" | "matched" | "fulfilled" | "closed";
            reason: string;
        };
        Volunteer: {
            readonly id?: number;
            readonly owner_id?: number;
            /** @enum {string|null} */
            readonly gender?: "female" | "male" | null;
            readonly skills?: {
                [key: string]: unknown;
            }[];
            readonly categories?: string[];
            readonly languages?: string[];
            readonly availability?: {
                [key: string]: unknown;
            }[];
            readonly max_children?: number;
            readonly hours_per_week?: number;
            readonly region_code?: string;
            readonly lat?: number;
            readonly lon?: number;
            readonly travel_km?: number;
            /** @enum {string|null} */
            readonly transport?: "walk" | "bicycle" | "ebike" | "car" | "public" | null;
            /** @enum {string} */
            readonly check_state?: "registered" | "pending" | "cleared" | "rejected" | "expired";
            /** Format: date */
            readonly check_decided_on?: string | null;
            /** Format: date */
            readonly check_expires_on?: string | null;
            readonly check_verifier_id?: number | null;
            readonly active?: boolean;
            /** Format: date-time */
            readonly created_at?: string;
        };
        Slot: {
            /** @description 0 = Monday */
            weekday: number;
            start: string;
            end: string;
        };
        VolunteerProfile: {
            lat?: number;
            lon?: number;
            /**
             * @description gcj02 for what Chinese map SDKs return; stored as WGS-84
             * @default wgs84
             * @enum {string}
             */
            coord_system: "wgs84" | "gcj02";
            /** @enum {string|null} */
            gender?: "female" | "male" | null;
            /** @description Self-declared; coordinators verify */
            skills?: string[];
            categories: string[];
            languages?: string[];
            availability?: components["schemas"]["Slot"][];
            /** @default 1 */
            max_children: number;
            /** @default 2 */
            hours_per_week: number;
            /**
             * @description Home village or township
             * @example 350582000000
             */
            region_code: string;
            /** @default 5 */
            travel_km: number;
            /** @enum {string|null} */
            transport?: "walk" | "bicycle" | "ebike" | "car" | "public" | null;
        };
        CheckChange: {
            /** @enum {string} */
            state: "registered" | "pending" | "cleared" | "rejected" | "expired";
            /** Format: date */
            decided_on?: string;
            /**
             * Format: date
             * @description Required when cleared
             */
            expires_on?: string;
        };
        SkillVerification: {
            skills: string[];
        };
        Agency: {
            readonly id?: number;
            readonly name?: string;
            readonly credit_code?: string | null;
            readonly categories?: string[];
            readonly skills?: string[];
            readonly staff_count?: number;
            readonly caseload_capacity?: number;
            readonly region_code?: string;
            readonly lat?: number;
            readonly lon?: number;
            readonly service_radius_km?: number;
            readonly township_codes?: string[];
            /** Format: date */
            readonly contract_start?: string | null;
            /** Format: date */
            readonly contract_end?: string | null;
        };
        AgencyCreate: {
            lat?: number;
            lon?: number;
            /**
             * @description gcj02 for what Chinese map SDKs return; stored as WGS-84
             * @default wgs84
             * @enum {string}
             */
            coord_system: "wgs84" | "gcj02";
            name: string;
            credit_code?: string | null;
            categories: string[];
            skills?: string[];
            staff_count?: number;
            caseload_capacity?: number;
            /**
             * @description Where the agency is based
             * @example 350582000000
             */
            region_code: string;
            service_radius_km?: number;
            /** @description Townships it is contracted for */
            township_codes?: string[];
            /** Format: date */
            contract_start?: string | null;
            /** Format: date */
            contract_end?: string | null;
        };
        AgencyUpdate: {
            lat?: number;
            lon?: number;
            /**
             * @description gcj02 for what Chinese map SDKs return; stored as WGS-84
             * @default wgs84
             * @enum {string}
             */
            coord_system: "wgs84" | "gcj02";
            name?: string;
            credit_code?: string | null;
            categories?: string[];
            skills?: string[];
            staff_count?: number;
            caseload_capacity?: number;
            /**
             * @description Where the agency is based
             * @example 350582000000
             */
            region_code?: string;
            service_radius_km?: number;
            /** @description Townships it is contracted for */
            township_codes?: string[];
            /** Format: date */
            contract_start?: string | null;
            /** Format: date */
            contract_end?: string | null;
        };
        Organization: {
            readonly id?: number;
            /** @enum {string} */
            readonly kind?: "enterprise" | "charity";
            readonly name?: string;
            readonly credit_code?: string | null;
            readonly alliance_member?: boolean;
            readonly region_code?: string;
            readonly lat?: number;
            readonly lon?: number;
        };
        OrganizationCreate: {
            lat?: number;
            lon?: number;
            /**
             * @description gcj02 for what Chinese map SDKs return; stored as WGS-84
             * @default wgs84
             * @enum {string}
             */
            coord_system: "wgs84" | "gcj02";
            name: string;
            credit_code?: string | null;
            /** @description 晋爱同行企业助残联盟 */
            alliance_member?: boolean;
            /**
             * @description Where it is based
             * @example 350582000000
             */
            region_code: string;
            /** @enum {string} */
            kind: "enterprise" | "charity";
        };
        OrganizationUpdate: {
            lat?: number;
            lon?: number;
            /**
             * @description gcj02 for what Chinese map SDKs return; stored as WGS-84
             * @default wgs84
             * @enum {string}
             */
            coord_system: "wgs84" | "gcj02";
            name?: string;
            credit_code?: string | null;
            /** @description 晋爱同行企业助残联盟 */
            alliance_member?: boolean;
            /**
             * @description Where it is based
             * @example 350582000000
             */
            region_code?: string;
        };
        ResourceCreate: {
            lat?: number;
            lon?: number;
            /**
             * @description gcj02 for what Chinese map SDKs return; stored as WGS-84
             * @default wgs84
             * @enum {string}
             */
            coord_system: "wgs84" | "gcj02";
            category_code: string;
            title: string;
            /** @description Goods: the item, from /aid-items/?kind=goods */
            item_code?: string;
            quantity?: number;
            unit?: string;
            /** @description Yuan */
            amount?: number;
            /** @description Funds: purposes it may pay for (none: any purpose) */
            allowed_uses?: string[];
            posts?: number;
            min_age?: number;
            autism_friendly?: boolean;
            /**
             * @description Pickup place (default: the organisation's)
             * @example 350582000000
             */
            region_code?: string;
            delivery_radius_km?: number;
        };
        Resource: {
            readonly id?: number;
            readonly organization_id?: number;
            /** @enum {string} */
            readonly kind?: "goods" | "funds" | "post";
            readonly category_code?: string;
            readonly title?: string;
            readonly item_code?: string | null;
            readonly quantity?: number | null;
            readonly unit?: string | null;
            readonly amount?: number | null;
            readonly allowed_uses?: string[];
            readonly posts?: number | null;
            readonly min_age?: number | null;
            readonly autism_friendly?: boolean;
            readonly region_code?: string;
            readonly lat?: number;
            readonly lon?: number;
            readonly delivery_radius_km?: number;
            /** @enum {string} */
            readonly status?: "available" | "exhausted" | "withdrawn";
            /** Format: date-time */
            readonly created_at?: string;
        };
        ImportFile: {
            /**
             * Format: binary
             * @description The ledger: .xlsx or .csv, columns as in the template
             */
            file: string;
        };
        Created: {
            children?: number;
            needs?: number;
            consents?: number;
        };
        Updated: {
            /** @description Files on record that changed */
            children?: number;
            /** @description Needs on record that changed */
            needs?: number;
        };
        RowError: {
            /** @description Row number as the spreadsheet shows it */
            row?: number;
            /** @description The column header (Chinese) */
            column?: string;
            /** @description The column's stable English key */
            key?: string;
            /** @description The reason, in the caller's language */
            message?: string;
        };
        ChangedColumn: {
            /** @description The column's stable English key */
            key?: string;
            /** @description The column header (Chinese) */
            column?: string;
        };
        RowResult: {
            /** @description Row number as the spreadsheet shows it */
            row?: number;
            /**
             * @description new: a new file, or a new need of a file on record; changed: the row changes the file on record (`changes` says which columns); unchanged: the file already says this; error: see `errors` for this row
             * @enum {string}
             */
            status?: "new" | "changed" | "unchanged" | "error";
            /** @description The file's code when it is on record, else the row's child_key */
            child_key?: string | null;
            /** @description Columns whose value differs from the file on record */
            changes?: components["schemas"]["ChangedColumn"][];
        };
        ImportReport: {
            dry_run?: boolean;
            /** @description False: nothing was written */
            imported?: boolean;
            rows_read?: number;
            rows_valid?: number;
            rows_with_errors?: number;
            /** @description Children the file describes */
            children?: number;
            created?: components["schemas"]["Created"];
            updated?: components["schemas"]["Updated"];
            /** @description Rows with status new */
            rows_new?: number;
            /** @description Rows with status changed */
            rows_changed?: number;
            /** @description Rows with status unchanged */
            rows_unchanged?: number;
            errors?: components["schemas"]["RowError"][];
            /** @description Every row's outcome, in file order (dry run or not) */
            row_results?: components["schemas"]["RowResult"][];
        };
        MatchRun: {
            readonly id?: number;
            readonly region_code?: string;
            readonly period?: string | null;
            /** @enum {string} */
            readonly trigger?: "manual" | "api" | "schedule";
            readonly started_by?: number | null;
            /** @enum {string} */
            readonly status?: "queued" | "running" | "succeeded" | "failed";
            readonly parameters?: {
                [key: string]: unknown;
            };
            readonly policy?: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            readonly created_at?: string;
            /** Format: date-time */
            readonly started_at?: string | null;
            /** Format: date-time */
            readonly finished_at?: string | null;
            readonly timings?: {
                [key: string]: unknown;
            };
            readonly engine_status?: string | null;
            readonly gap?: number | null;
            readonly figures?: {
                [key: string]: unknown;
            };
            readonly error?: string | null;
            readonly error_code?: string | null;
            readonly previous_run_id?: number | null;
            /** @enum {string} */
            readonly stage?: "queued" | "read" | "solve" | "write" | "done";
            /** @description 0 to 1 */
            readonly progress?: number;
            readonly attempt?: number;
            /**
             * Format: date-time
             * @description When a failed run is retried
             */
            readonly next_attempt_at?: string | null;
            /** @description What the run did, in words */
            readonly summary?: unknown;
        };
        MatchRunCreate: {
            /**
             * @description The county (or any region of yours) to match
             * @example 350582000000
             */
            region_code: string;
            /** @description Seconds for the engine's CP-SAT stage (default: the deployment's) */
            time_limit_s?: number;
            /** @default 0 */
            seed: number;
        };
        Change: {
            need_id: number;
            /** @enum {string} */
            provider_type: "volunteer" | "agency" | "resource";
            provider_id: number;
            /** @description new, kept or gone */
            change: string;
            /** @description Why it is gone (a code) */
            why?: string | null;
            /** @description Why it is gone, in the caller's language */
            readonly why_text?: unknown;
            /** @description This run's proposal (new or kept) */
            proposal_id?: number | null;
            /** @description What became of this run's proposal: pending, approved... */
            readonly status?: string | null;
            readonly category_code?: string | null;
            readonly child_code?: string | null;
            /** @description The child's coordinators only */
            readonly child_name?: string | null;
            readonly provider_name?: string | null;
        };
        Unserved: {
            readonly need_id?: unknown;
            readonly category_code?: unknown;
            readonly township_code?: unknown;
            readonly risk_level?: unknown;
            readonly code?: unknown;
            readonly message?: unknown;
            readonly details?: unknown;
        };
        Proposal: {
            readonly id?: number;
            readonly run_id?: number;
            readonly need?: components["schemas"]["Need"];
            /** @enum {string} */
            readonly provider_type?: "volunteer" | "agency" | "resource";
            readonly provider_id?: number;
            readonly amount?: number;
            readonly distance_km?: number;
            readonly priority?: number;
            /** @description For decisions */
            readonly version?: number;
            /** @description Also proposed last run */
            readonly kept?: boolean;
            /** @description Why */
            readonly explanation?: {
                /** @description Stable reason code */
                code?: string;
                /** @description The reason, in the caller's language */
                message?: string;
                /** @description The numbers behind it */
                details?: Record<string, never>;
                /** @description How many other providers could have served the need */
                others?: number | null;
            };
            /** @description Who: the provider's name and place */
            readonly provider?: {
                /** @description A volunteer's name, an agency's, a resource's title */
                name?: string;
                /** @description A resource's organisation */
                organization?: string | null;
                region_code?: string;
                lat?: number;
                lon?: number;
            } | null;
            /** @enum {string} */
            readonly status?: "pending" | "superseded" | "approved" | "rejected";
            readonly decided_by?: number | null;
            /** Format: date-time */
            readonly decided_at?: string | null;
            readonly reason?: string | null;
            /** Format: date-time */
            readonly created_at?: string;
        };
        ApprovalItem: {
            id: number;
            /** @description The proposal's `version` as you read it (412 if it moved) */
            version: number;
        };
        RejectionItem: {
            id: number;
            /** @description The proposal's `version` as you read it (412 if it moved) */
            version: number;
            reason: string;
        };
        Decisions: {
            approve?: components["schemas"]["ApprovalItem"][];
            reject?: components["schemas"]["RejectionItem"][];
        };
        DecisionsResult: {
            approved: number[];
            rejected: number[];
        };
        Pairing: {
            readonly id?: number;
            readonly need?: components["schemas"]["Need"];
            readonly proposal_id?: number | null;
            /** @enum {string} */
            readonly provider_type?: "volunteer" | "agency" | "resource";
            readonly provider_id?: number;
            readonly amount?: number;
            /** @enum {string} */
            readonly status?: "awaiting_acceptance" | "active" | "declined" | "ended";
            /** Format: date-time */
            readonly approved_at?: string;
            /** Format: date-time */
            readonly responded_at?: string | null;
            /** Format: date-time */
            readonly ended_at?: string | null;
            readonly end_reason?: string | null;
            /**
             * Format: date-time
             * @description Goods signed for (签收)
             */
            readonly delivered_at?: string | null;
        };
        Reject: {
            reason: string;
        };
        FieldPairing: {
            readonly id?: number;
            /** @enum {string} */
            readonly status?: "awaiting_acceptance" | "active" | "declined" | "ended";
            readonly need?: unknown;
            readonly child?: unknown;
            readonly distance_km?: number | null;
            /** Format: date */
            readonly next_due?: string | null;
            readonly next_kind?: string | null;
            /** Format: date-time */
            readonly approved_at?: string;
            /** Format: date-time */
            readonly responded_at?: string | null;
            /** Format: date-time */
            readonly ended_at?: string | null;
            /** Format: date-time */
            readonly updated_at?: string;
        };
        Sync: {
            /** Format: date-time */
            watermark: string;
            pairings: components["schemas"]["FieldPairing"][];
            removed_pairings: number[];
            notifications: {
                [key: string]: unknown;
            }[];
        };
        MyHours: {
            confirmed: number;
            pending: number;
            /** @description 0-5 star level */
            stars: number;
        };
        Notification: {
            readonly id?: number;
            readonly kind?: string;
            readonly payload?: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            readonly created_at?: string;
            /** Format: date-time */
            readonly read_at?: string | null;
        };
        Visit: {
            readonly id?: string;
            readonly pairing_id?: number | null;
            readonly child_id?: number;
            readonly author_id?: number;
            /** @description Who recorded it (for deciding the hours) */
            readonly author_name?: string | null;
            /** @enum {string} */
            readonly kind?: "home_visit" | "school" | "phone" | "video";
            /** Format: date-time */
            readonly occurred_at?: string;
            readonly duration_minutes?: number;
            readonly lat?: number | null;
            readonly lon?: number | null;
            readonly done?: unknown;
            readonly problems?: unknown;
            readonly corrects_id?: string | null;
            /** Format: date-time */
            readonly editable_until?: string;
            /** @enum {string} */
            readonly hours_status?: "pending" | "confirmed" | "rejected";
            /** Format: date-time */
            readonly created_at?: string;
        };
        VisitCreate: {
            lat?: number;
            lon?: number;
            /**
             * @description gcj02 for what Chinese map SDKs return; stored as WGS-84
             * @default wgs84
             * @enum {string}
             */
            coord_system: "wgs84" | "gcj02";
            /**
             * Format: uuid
             * @description Made by the phone, so retries are safe
             */
            id?: string;
            pairing_id?: number;
            /** @description Coordinators' own visits */
            child_id?: number;
            /** @enum {string} */
            kind: "home_visit" | "school" | "phone" | "video";
            /** Format: date-time */
            occurred_at: string;
            duration_minutes: number;
            done: string;
            problems?: string;
            /**
             * Format: uuid
             * @description The closed record this corrects
             */
            corrects_id?: string;
        };
        VisitEdit: {
            /** @enum {string} */
            kind?: "home_visit" | "school" | "phone" | "video";
            /** Format: date-time */
            occurred_at?: string;
            duration_minutes?: number;
            done?: string;
            problems?: string;
        };
        HoursDecision: {
            /** @enum {string} */
            decision: "pending" | "confirmed" | "rejected";
        };
        RollEntry: {
            confirmed: number;
            pending: number;
            /** @description 0-5 star level */
            stars: number;
            volunteer_id: number;
            user_id: number;
        };
        Rhythm: {
            child_id: number;
            risk_level: string;
            /** Format: date-time */
            last_visit?: string | null;
            /** Format: date-time */
            last_contact?: string | null;
            /** Format: date */
            next_due: string;
            next_kind: string;
            /** @description The child's pseudonymous code */
            code?: string;
            township_code?: string;
            /** @description The child's village (the child's coordinators only) */
            region_code?: string;
            /** @description The child's coordinators only */
            name?: string;
            /**
             * Format: date-time
             * @description Last visit reminder sent to the child's providers
             */
            reminded_at?: string | null;
        };
        ReportEvent: {
            readonly id?: number;
            readonly author_id?: number;
            /** Format: date-time */
            readonly at?: string;
            /** @enum {string|null} */
            readonly status?: "received" | "handling" | "closed" | null;
            readonly note?: unknown;
        };
        Report: {
            readonly id?: number;
            readonly reporter_id?: number;
            readonly danger?: string;
            readonly seen?: unknown;
            readonly place?: unknown;
            readonly child_description?: unknown;
            readonly region_code?: string;
            readonly lat?: number | null;
            readonly lon?: number | null;
            /** Format: date-time */
            readonly seen_at?: string;
            readonly child_id?: number | null;
            /** @enum {string} */
            readonly status?: "received" | "handling" | "closed";
            /** Format: date-time */
            readonly created_at?: string;
            readonly events?: components["schemas"]["ReportEvent"][];
        };
        ReportCreate: {
            lat?: number;
            lon?: number;
            /**
             * @description gcj02 for what Chinese map SDKs return; stored as WGS-84
             * @default wgs84
             * @enum {string}
             */
            coord_system: "wgs84" | "gcj02";
            /** @enum {string} */
            danger: "unsupervised" | "missing" | "abuse" | "injury" | "neglect" | "abandonment" | "other";
            /** @description What was seen */
            seen: string;
            place?: string;
            /**
             * @description Village or township where it happened
             * @example 350582000000
             */
            region_code: string;
            /** Format: date-time */
            seen_at: string;
            /** @description Only a child you already know */
            child_id?: number;
            child_description?: string;
        };
        ReportEventCreate: {
            /** @enum {string} */
            status?: "received" | "handling" | "closed";
            note: string;
        };
        Area: {
            region_code: string | null;
            name: string;
        };
        Period: {
            /** @example 2026-Q3 */
            code: string;
            /** @description year, quarter, month, range */
            kind: string;
            /** Format: date */
            start: string;
            /**
             * Format: date
             * @description Last day, included
             */
            end: string;
            /** @example 2026年第3季度 */
            title: string;
        };
        Column: {
            key: string;
            /** @description In the reader's language */
            label: string;
            /** @description dimension or measure */
            role: string;
        };
        Table: {
            name: string;
            /** @description In the reader's language */
            title: string;
            columns: components["schemas"]["Column"][];
            /** @description One object per row: the columns' keys, each dimension's `<key>_label`, and on published figures `suppressed` (the keys blanked) */
            rows: {
                [key: string]: unknown;
            }[];
            total: {
                [key: string]: unknown;
            } | null;
            /** @description Cells blanked (published figures) */
            suppressed: number;
        };
        Statistics: {
            area: components["schemas"]["Area"];
            period: components["schemas"]["Period"];
            published: boolean;
            tables: components["schemas"]["Table"][];
        };
        HighRisk: {
            /** @description High-risk children with needs being met */
            with_needs: number;
            /** @description Of those, children with a live pairing */
            served: number;
            /** @description served / with_needs */
            share: number | null;
        };
        Overview: {
            region_code: string | null;
            area_name: string;
            children_total: number;
            children_by_risk: {
                [key: string]: number;
            };
            /** @description A child may be in several categories */
            children_by_category: {
                [key: string]: number;
            };
            /** @description Needs by status */
            needs: {
                [key: string]: number;
            };
            proposals_pending: number;
            high_risk: components["schemas"]["HighRisk"];
            /** @description Children whose visit or contact is overdue */
            visits_overdue: number;
            urgent_reports_open: number;
            last_run: (Record<string, never> | null) | components["schemas"]["MatchRun"];
            /**
             * Format: date-time
             * @description The weekly recompute's next
             */
            next_run_at: string | null;
        };
        MapChild: {
            id: number;
            /** @description Pseudonymous code */
            code: string;
            /** @description Coordinators only */
            name: string | null;
            risk_level: string;
            township_code: string;
            lat: number;
            lon: number;
        };
        MapProvider: {
            provider_type: string;
            provider_id: number;
            name: string;
            organization: string | null;
            region_code: string;
            lat: number;
            lon: number;
        };
        MapLine: {
            child_id: number;
            need_id: number;
            category_code: string;
            provider_type: string;
            provider_id: number;
            /** @description proposed or approved */
            state: string;
            proposal_id: number | null;
            pairing_id: number | null;
        };
        Map: {
            region_code: string | null;
            area_name: string;
            /** @description More children than the map shows */
            truncated: boolean;
            children: components["schemas"]["MapChild"][];
            providers: components["schemas"]["MapProvider"][];
            lines: components["schemas"]["MapLine"][];
        };
        Recruit: {
            /** @description A need category of services, e.g. tutoring */
            category: string;
            /**
             * @description Where they would live: a township of the run's region
             * @example 350582000000
             */
            township_code: string;
            skills?: string[];
            /**
             * @description Children each takes (an agency: its caseload)
             * @default 1
             */
            capacity: number;
            /** @default 1 */
            count: number;
            /** @default 10 */
            radius_km: number;
            /**
             * @default null
             * @enum {string|null}
             */
            gender: "female" | "male" | null;
            languages?: string[];
        };
        MoreCapacity: {
            /** @enum {string} */
            provider_type: "volunteer" | "agency" | "resource";
            provider_id: number;
            /** @description More children (or units, for donors) it would take */
            extra: number;
        };
        WhatIf: {
            recruit?: components["schemas"]["Recruit"][];
            more_capacity?: components["schemas"]["MoreCapacity"][];
        };
        ByRisk: {
            high: number;
            medium: number;
            low: number;
        };
        Side: {
            served_needs: number;
            served_priority: number;
            served_by_risk: components["schemas"]["ByRisk"];
            engine_status: string;
        };
        Gain: {
            needs: number;
            priority: number;
            by_risk: components["schemas"]["ByRisk"];
        };
        PlannedNeed: {
            need_id: number;
            category: string;
            township_code: string;
            risk_level: string;
        };
        WhatIfResult: {
            run_id: number;
            region_code: string;
            /**
             * Format: date-time
             * @description Inputs read as of
             */
            read_at: string;
            open_needs: number;
            /** @description Needs the change could reach (solved again) */
            needs_considered: number;
            recruits: number;
            baseline: components["schemas"]["Side"];
            scenario: components["schemas"]["Side"];
            gain: components["schemas"]["Gain"];
            newly_served: components["schemas"]["PlannedNeed"][];
            /** @description Needs of lower priority the better plan leaves for others */
            no_longer_served: components["schemas"]["PlannedNeed"][];
        };
        Suggestion: {
            township_code: string;
            township: string;
            category: string;
            category_label: string;
            skills: string[];
            unserved_needs: number;
            unserved_priority: number;
            unserved_by_risk: components["schemas"]["ByRisk"];
            /** @description Binding reason code -> needs */
            reasons: {
                [key: string]: number;
            };
            gain_of_one: components["schemas"]["Gain"];
        };
        SpotCheck: {
            readonly id?: number;
            readonly region_code?: string;
            readonly year?: number;
            /** @description Draws the same sample */
            readonly seed?: number;
            readonly share?: number;
            readonly minimum?: number;
            /** @description Files drawn from */
            readonly population?: number;
            readonly created_by?: number | null;
            /** Format: date-time */
            readonly created_at?: string;
        };
        SpotCheckCreate: {
            /**
             * @description The region checked (usually your county)
             * @example 350582000000
             */
            region_code: string;
            year: number;
            /**
             * @description Share of each township's files (default 10 %)
             * @default 0.1
             */
            share: number;
            /**
             * @description At least this many files per township (default 3)
             * @default 3
             */
            minimum: number;
            /** @description Draw again with a known seed (default: a new random one) */
            seed?: number;
        };
        SpotCheckSummaryRow: {
            sampled: number;
            checked: number;
            info_complete: number;
            visits_on_rhythm: number;
            consent_recorded: number;
            problems_resolved: number;
            /** @description All four criteria */
            passed: number;
            pass_rate: number | null;
        };
        SpotCheckRiskSummary: {
            sampled: number;
            checked: number;
            info_complete: number;
            visits_on_rhythm: number;
            consent_recorded: number;
            problems_resolved: number;
            /** @description All four criteria */
            passed: number;
            pass_rate: number | null;
            risk_level: string;
        };
        SpotCheckTownshipSummary: {
            sampled: number;
            checked: number;
            info_complete: number;
            visits_on_rhythm: number;
            consent_recorded: number;
            problems_resolved: number;
            /** @description All four criteria */
            passed: number;
            pass_rate: number | null;
            township_code: string;
            township: string;
        };
        SpotCheckSummary: {
            total: components["schemas"]["SpotCheckSummaryRow"];
            by_risk: components["schemas"]["SpotCheckRiskSummary"][];
            by_township: components["schemas"]["SpotCheckTownshipSummary"][];
        };
        SpotCheckDetail: {
            readonly id?: number;
            readonly region_code?: string;
            readonly year?: number;
            /** @description Draws the same sample */
            readonly seed?: number;
            readonly share?: number;
            readonly minimum?: number;
            /** @description Files drawn from */
            readonly population?: number;
            readonly created_by?: number | null;
            /** Format: date-time */
            readonly created_at?: string;
            readonly summary?: components["schemas"]["SpotCheckSummary"];
        };
        SpotCheckItem: {
            readonly id?: number;
            readonly child_id?: number;
            readonly child_code?: string;
            readonly township_code?: string;
            readonly township?: string;
            /**
             * @description When drawn
             * @enum {string}
             */
            readonly risk_level?: "high" | "medium" | "low";
            readonly info_complete?: boolean | null;
            readonly visits_on_rhythm?: boolean | null;
            readonly consent_recorded?: boolean | null;
            readonly problems_resolved?: boolean | null;
            readonly note?: string | null;
            readonly checked_by?: number | null;
            /** Format: date-time */
            readonly checked_at?: string | null;
            readonly version?: number;
        };
        SpotCheckItemDetail: {
            readonly id?: number;
            readonly child_id?: number;
            readonly child_code?: string;
            readonly township_code?: string;
            readonly township?: string;
            /**
             * @description When drawn
             * @enum {string}
             */
            readonly risk_level?: "high" | "medium" | "low";
            readonly info_complete?: boolean | null;
            readonly visits_on_rhythm?: boolean | null;
            readonly consent_recorded?: boolean | null;
            readonly problems_resolved?: boolean | null;
            readonly note?: string | null;
            readonly checked_by?: number | null;
            /** Format: date-time */
            readonly checked_at?: string | null;
            readonly version?: number;
            /** @description What the file shows for each criterion (the checker decides) */
            readonly facts?: {
                [key: string]: unknown;
            };
        };
        SpotCheckRecord: {
            info_complete: boolean;
            visits_on_rhythm: boolean;
            consent_recorded: boolean;
            problems_resolved: boolean;
            note?: string;
        };
        CertificateCreate: {
            /** @description Coordinators: the volunteer (volunteers: themselves) */
            volunteer_id?: number;
            /**
             * Format: date
             * @description First day certified
             */
            start: string;
            /**
             * Format: date
             * @description Last day certified
             */
            end: string;
        };
        Certificate: {
            readonly id?: number;
            /** @description The verification code */
            readonly code?: string;
            readonly volunteer_id?: number;
            /** Format: date */
            readonly period_start?: string;
            /** Format: date */
            readonly period_end?: string;
            /** @description Confirmed hours */
            readonly hours?: number;
            readonly services?: number;
            readonly organisation?: string;
            /** Format: date-time */
            readonly issued_at?: string;
            readonly verify_url?: string;
            readonly pdf_url?: string;
        };
        Verification: {
            code: string;
            /** @description False once revoked */
            valid: boolean;
            /** Format: date */
            issued_on: string;
            /** Format: date */
            period_start: string;
            /** Format: date */
            period_end: string;
            hours: number;
            services: number;
            organisation: string;
        };
    };
    responses: {
        /** @description Default error response */
        DEFAULT_ERROR: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too Many Requests */
        TOO_MANY_REQUESTS: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Unprocessable Entity */
        UNPROCESSABLE_ENTITY: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Bad Request */
        BAD_REQUEST: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Request Entity Too Large */
        REQUEST_ENTITY_TOO_LARGE: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Conflict */
        CONFLICT: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Not Modified */
        NOT_MODIFIED: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Not Found */
        NOT_FOUND: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Precondition Failed */
        PRECONDITION_FAILED: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Precondition Required */
        PRECONDITION_REQUIRED: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description Tag to check against */
        IF_NONE_MATCH: string;
        /** @description Tag to check against */
        IF_MATCH: string;
    };
    requestBodies: never;
    headers: {
        /** @description Tag for the returned entry */
        ETAG: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postSignUp: {
        parameters: {
            query?: {
                /** @description Where the refresh token travels: `json` in the body (API clients), `cookie` in an HttpOnly cookie with a CSRF double-submit token (browsers) */
                mode?: "json" | "cookie";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignUp"];
            };
        };
        responses: {
            /** @description Already registered: signed in, as sign-in does */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Already registered with another password (as sign-in) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postSignIn: {
        parameters: {
            query?: {
                /** @description Where the refresh token travels: `json` in the body (API clients), `cookie` in an HttpOnly cookie with a CSRF double-submit token (browsers) */
                mode?: "json" | "cookie";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignIn"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Wrong account or password */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postRefresh: {
        parameters: {
            query?: {
                /** @description Where the refresh token travels: `json` in the body (API clients), `cookie` in an HttpOnly cookie with a CSRF double-submit token (browsers) */
                mode?: "json" | "cookie";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /** @description Refresh token missing, expired, used or revoked, or CSRF header wrong */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["CONFLICT"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postSignOut: {
        parameters: {
            query?: {
                /** @description Where the refresh token travels: `json` in the body (API clients), `cookie` in an HttpOnly cookie with a CSRF double-submit token (browsers) */
                mode?: "json" | "cookie";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["CONFLICT"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordChange"];
            };
        };
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tag to check against */
                "If-None-Match"?: components["parameters"]["IF_NONE_MATCH"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            304: components["responses"]["NOT_MODIFIED"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    patchMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProfileUpdate"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getUsers: {
        parameters: {
            query?: {
                role?: "admin" | "coordinator" | "volunteer" | "agency_staff" | "donor";
                status?: "active" | "disabled";
                /** @description Only users in or under this region */
                region?: string;
                /** @description Name or phone prefix; admins also an e-mail prefix */
                q?: string;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getUserById: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tag to check against */
                "If-None-Match"?: components["parameters"]["IF_NONE_MATCH"];
            };
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            304: components["responses"]["NOT_MODIFIED"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    putUserRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RoleChange"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    putUserAreas: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Areas"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    putUserStatusView: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatusChange"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getRegions: {
        parameters: {
            query?: {
                /** @description Children of this region */
                parent?: string;
                level?: "province" | "city" | "county" | "township" | "village";
                /** @description Name contains, or code starts with */
                q?: string;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Region"][];
                };
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postRegions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegionCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Region"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getRegionByCode: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tag to check against */
                "If-None-Match"?: components["parameters"]["IF_NONE_MATCH"];
            };
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Region"];
                };
            };
            304: components["responses"]["NOT_MODIFIED"];
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getAuditEvents: {
        parameters: {
            query?: {
                actor_id?: number;
                action?: string;
                object_type?: string;
                object_id?: string;
                /** @description From this instant (inclusive) */
                since?: string;
                /** @description Before this instant */
                until?: string;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEvent"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getNeedCategories: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NeedCategory"][];
                };
            };
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postNeedCategories: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NeedCategoryCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NeedCategory"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    patchNeedCategoryByCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NeedCategoryUpdate"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NeedCategory"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getAidItems: {
        parameters: {
            query?: {
                /** @description goods items or fund purposes */
                kind?: "goods" | "funds";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AidItem"][];
                };
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postAidItems: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AidItemCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AidItem"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    patchAidItemByCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AidItemUpdate"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AidItem"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getChildren: {
        parameters: {
            query?: {
                /** @description Only children in or under this region */
                region?: string;
                category?: "left_behind" | "family_hardship" | "disability" | "serious_illness" | "autism" | "guardianship_hardship" | "orphan" | "de_facto_unsupported" | "hiv_affected";
                risk_level?: "high" | "medium" | "low";
                /** @description Pseudonymous code; coordinators also the exact full name */
                q?: string;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Child"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postChildren: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChildCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Child"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getChildById: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tag to check against */
                "If-None-Match"?: components["parameters"]["IF_NONE_MATCH"];
            };
            path: {
                child_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Child"];
                };
            };
            304: components["responses"]["NOT_MODIFIED"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    patchChildById: {
        parameters: {
            query?: never;
            header: {
                /** @description Tag to check against */
                "If-Match": components["parameters"]["IF_MATCH"];
            };
            path: {
                child_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChildUpdate"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Child"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            412: components["responses"]["PRECONDITION_FAILED"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            428: components["responses"]["PRECONDITION_REQUIRED"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    putChildRisk: {
        parameters: {
            query?: never;
            header: {
                /** @description Tag to check against */
                "If-Match": components["parameters"]["IF_MATCH"];
            };
            path: {
                child_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RiskChange"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Child"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            412: components["responses"]["PRECONDITION_FAILED"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            428: components["responses"]["PRECONDITION_REQUIRED"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postChildConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                child_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConsentCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Consent"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    deleteChildConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                child_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getChildRecords: {
        parameters: {
            query?: {
                kind?: "visit" | "work_log" | "assistance" | "problem" | "risk_change" | "need_change" | "consent" | "pairing";
                page?: number;
                page_size?: number;
            };
            header?: never;
            path: {
                child_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Record"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postChildRecords: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                child_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Record"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    putProblemResolution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                child_id: number;
                record_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Resolve"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Record"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postChildNeeds: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                child_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NeedCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Need"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getNeeds: {
        parameters: {
            query?: {
                /** @description Only needs of children in or under this region */
                region?: string;
                category?: string;
                status?: "open" | "proposed" | "matched" | "fulfilled" | "closed";
                urgency?: "normal" | "urgent" | "critical";
                risk_level?: "high" | "medium" | "low";
                child_id?: number;
                /** @description The child's code; coordinators also the exact full name */
                q?: string;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Need"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getNeedById: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tag to check against */
                "If-None-Match"?: components["parameters"]["IF_NONE_MATCH"];
            };
            path: {
                need_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NeedDetail"];
                };
            };
            304: components["responses"]["NOT_MODIFIED"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    patchNeedById: {
        parameters: {
            query?: never;
            header: {
                /** @description Tag to check against */
                "If-Match": components["parameters"]["IF_MATCH"];
            };
            path: {
                need_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NeedUpdate"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Need"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            412: components["responses"]["PRECONDITION_FAILED"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            428: components["responses"]["PRECONDITION_REQUIRED"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getNeedTransitions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                need_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Transition"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postNeedTransitions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                need_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransitionCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Need"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getMyProfile: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tag to check against */
                "If-None-Match"?: components["parameters"]["IF_NONE_MATCH"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Volunteer"];
                };
            };
            304: components["responses"]["NOT_MODIFIED"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: volunteer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No profile yet */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    putMyProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VolunteerProfile"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Volunteer"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: volunteer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getVolunteers: {
        parameters: {
            query?: {
                /** @description Only volunteers living in or under this region */
                region?: string;
                category?: string;
                skill?: string;
                check_state?: "registered" | "pending" | "cleared" | "rejected" | "expired";
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Volunteer"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getVolunteerById: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tag to check against */
                "If-None-Match"?: components["parameters"]["IF_NONE_MATCH"];
            };
            path: {
                volunteer_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Volunteer"];
                };
            };
            304: components["responses"]["NOT_MODIFIED"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator, volunteer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    putBackgroundCheck: {
        parameters: {
            query?: never;
            header: {
                /** @description Tag to check against */
                "If-Match": components["parameters"]["IF_MATCH"];
            };
            path: {
                volunteer_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckChange"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Volunteer"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            412: components["responses"]["PRECONDITION_FAILED"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            428: components["responses"]["PRECONDITION_REQUIRED"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postVerifiedSkills: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                volunteer_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SkillVerification"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Volunteer"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getAgencies: {
        parameters: {
            query?: {
                /** @description Only those based in or under this region */
                region?: string;
                category?: string;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agency"][];
                };
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postAgencies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgencyCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agency"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: agency_staff */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getAgencyById: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tag to check against */
                "If-None-Match"?: components["parameters"]["IF_NONE_MATCH"];
            };
            path: {
                agency_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agency"];
                };
            };
            304: components["responses"]["NOT_MODIFIED"];
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    patchAgencyById: {
        parameters: {
            query?: never;
            header: {
                /** @description Tag to check against */
                "If-Match": components["parameters"]["IF_MATCH"];
            };
            path: {
                agency_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgencyUpdate"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agency"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, agency_staff */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            412: components["responses"]["PRECONDITION_FAILED"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            428: components["responses"]["PRECONDITION_REQUIRED"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getOrganizations: {
        parameters: {
            query?: {
                /** @description Only those based in or under this region */
                region?: string;
                kind?: "enterprise" | "charity";
                alliance_member?: boolean;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organization"][];
                };
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postOrganizations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrganizationCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organization"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: donor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getOrganizationById: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tag to check against */
                "If-None-Match"?: components["parameters"]["IF_NONE_MATCH"];
            };
            path: {
                org_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organization"];
                };
            };
            304: components["responses"]["NOT_MODIFIED"];
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    patchOrganizationById: {
        parameters: {
            query?: never;
            header: {
                /** @description Tag to check against */
                "If-Match": components["parameters"]["IF_MATCH"];
            };
            path: {
                org_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrganizationUpdate"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organization"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator, donor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            412: components["responses"]["PRECONDITION_FAILED"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            428: components["responses"]["PRECONDITION_REQUIRED"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postOrganizationResources: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResourceCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Resource"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: donor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getResources: {
        parameters: {
            query?: {
                organization_id?: number;
                kind?: "goods" | "funds" | "post";
                /** @description Only resources picked up in or under this region */
                region?: string;
                category?: string;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Resource"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getTemplate: {
        parameters: {
            query?: {
                /** @description xlsx (with a sheet of instructions) or csv (UTF-8 with BOM) */
                format?: "xlsx" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The template */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "text/csv": string;
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postImports: {
        parameters: {
            query?: {
                /** @description Check every row and report; write nothing */
                dry_run?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["ImportFile"];
            };
        };
        responses: {
            /** @description Dry run: the report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportReport"];
                };
            };
            /** @description Imported: every row was written */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportReport"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getExport: {
        parameters: {
            query?: {
                /** @description Only children in or under this region (default: your area) */
                region?: string;
                /** @description template: the import template's headers (Chinese with the English key); national: the headers of the national child welfare information system's ledgers (docs/ledger-exchange.md). Either file imports again as it is. */
                layout?: "template" | "national";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The children and needs, in the template's columns */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getMatchRuns: {
        parameters: {
            query?: {
                /** @description Runs of this region */
                region?: string;
                status?: "queued" | "running" | "succeeded" | "failed";
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MatchRun"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postMatchRuns: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MatchRunCreate"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MatchRun"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getMatchRunById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                run_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MatchRun"];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getMatchRunChanges: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
            };
            header?: never;
            path: {
                run_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Change"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getMatchRunUnserved: {
        parameters: {
            query?: {
                reason?: string;
                /** @description Only needs of children of this township */
                township?: string;
                category?: string;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path: {
                run_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unserved"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getProposals: {
        parameters: {
            query?: {
                /** @description Default: pending */
                status?: "pending" | "superseded" | "approved" | "rejected";
                /** @description Only proposals for children in or under this region (e.g. a township) */
                region?: string;
                category?: string;
                risk_level?: "high" | "medium" | "low";
                provider_type?: "volunteer" | "agency" | "resource";
                run_id?: number;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proposal"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postDecisions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Decisions"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DecisionsResult"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A proposal is not in your area */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["CONFLICT"];
            /** @description A proposal changed since it was read */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getProposalById: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tag to check against */
                "If-None-Match"?: components["parameters"]["IF_NONE_MATCH"];
            };
            path: {
                proposal_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proposal"];
                };
            };
            304: components["responses"]["NOT_MODIFIED"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postApproval: {
        parameters: {
            query?: never;
            header: {
                /** @description Tag to check against */
                "If-Match": components["parameters"]["IF_MATCH"];
            };
            path: {
                proposal_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Created */
            201: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pairing"];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            412: components["responses"]["PRECONDITION_FAILED"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            428: components["responses"]["PRECONDITION_REQUIRED"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postRejection: {
        parameters: {
            query?: never;
            header: {
                /** @description Tag to check against */
                "If-Match": components["parameters"]["IF_MATCH"];
            };
            path: {
                proposal_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Reject"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proposal"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            412: components["responses"]["PRECONDITION_FAILED"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            428: components["responses"]["PRECONDITION_REQUIRED"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getPairings: {
        parameters: {
            query?: {
                status?: "awaiting_acceptance" | "active" | "declined" | "ended";
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pairing"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getPairingById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pairing_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pairing"];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postAcceptance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pairing_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pairing"];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: agency_staff, donor, volunteer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postDeclination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pairing_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Reject"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pairing"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: agency_staff, donor, volunteer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postEnd: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pairing_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Reject"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pairing"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: agency_staff, coordinator, donor, volunteer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pairing_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pairing"];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: donor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getMyPairings: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tag to check against */
                "If-None-Match"?: components["parameters"]["IF_NONE_MATCH"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FieldPairing"][];
                };
            };
            304: components["responses"]["NOT_MODIFIED"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: agency_staff, donor, volunteer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getSync: {
        parameters: {
            query?: {
                /** @description Watermark of the last sync */
                since?: string;
            };
            header?: {
                /** @description Tag to check against */
                "If-None-Match"?: components["parameters"]["IF_NONE_MATCH"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Sync"];
                };
            };
            304: components["responses"]["NOT_MODIFIED"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: agency_staff, donor, volunteer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getMyHours: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyHours"];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: agency_staff, volunteer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getMyNotifications: {
        parameters: {
            query?: {
                /** @description Watermark of the last sync */
                since?: string;
                unread?: boolean;
                /** @description Only this kind, e.g. urgent_report.received */
                kind?: string;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Notification"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postNotificationRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                notification_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Notification"];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getVisits: {
        parameters: {
            query?: {
                child_id?: number;
                pairing_id?: number;
                hours_status?: "pending" | "confirmed" | "rejected";
                since?: string;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Visit"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, agency_staff, coordinator, volunteer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postVisits: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-made key (a UUID): a retry with the same key and body within 7 days is answered with the first response and changes nothing. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VisitCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The new resource */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Visit"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: agency_staff, coordinator, volunteer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such pairing or child of yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getVisitById: {
        parameters: {
            query?: never;
            header?: {
                /** @description Tag to check against */
                "If-None-Match"?: components["parameters"]["IF_NONE_MATCH"];
            };
            path: {
                visit_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Visit"];
                };
            };
            304: components["responses"]["NOT_MODIFIED"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, agency_staff, coordinator, volunteer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    patchVisitById: {
        parameters: {
            query?: never;
            header: {
                /** @description Tag to check against */
                "If-Match": components["parameters"]["IF_MATCH"];
            };
            path: {
                visit_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VisitEdit"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Visit"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: agency_staff, coordinator, volunteer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            412: components["responses"]["PRECONDITION_FAILED"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            428: components["responses"]["PRECONDITION_REQUIRED"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    putVisitHours: {
        parameters: {
            query?: never;
            header: {
                /** @description Tag to check against */
                "If-Match": components["parameters"]["IF_MATCH"];
            };
            path: {
                visit_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HoursDecision"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    ETag: components["headers"]["ETAG"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Visit"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: agency_staff, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            412: components["responses"]["PRECONDITION_FAILED"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            428: components["responses"]["PRECONDITION_REQUIRED"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getHoursRoll: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RollEntry"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getOverdue: {
        parameters: {
            query?: {
                /** @description Only children in or under this region */
                region?: string;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rhythm"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getReports: {
        parameters: {
            query?: {
                /** @description Watermark of the last sync */
                since?: string;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Report"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postReports: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-made key (a UUID): a retry with the same key and body within 7 days is answered with the first response and changes nothing. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReportCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The new resource */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Report"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getReportById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                report_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Report"];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postReportEvents: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-made key (a UUID): a retry with the same key and body within 7 days is answered with the first response and changes nothing. */
                "Idempotency-Key"?: string;
            };
            path: {
                report_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReportEventCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportEvent"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getstats_children: {
        parameters: {
            query?: {
                /** @description The region (default: all your areas; admins: everywhere) */
                region?: string;
                /** @description A year (2026), a quarter (2026-Q3) or a month (2026-07); default: this quarter */
                period?: string;
                /** @description First day of a period of your own */
                start?: string;
                /** @description Last day (included) of that period */
                end?: string;
                /** @description Published figures: cells under 5 children are blanked */
                published?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Statistics"];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getstats_needs: {
        parameters: {
            query?: {
                /** @description The region (default: all your areas; admins: everywhere) */
                region?: string;
                /** @description A year (2026), a quarter (2026-Q3) or a month (2026-07); default: this quarter */
                period?: string;
                /** @description First day of a period of your own */
                start?: string;
                /** @description Last day (included) of that period */
                end?: string;
                /** @description Published figures: cells under 5 children are blanked */
                published?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Statistics"];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getstats_served: {
        parameters: {
            query?: {
                /** @description The region (default: all your areas; admins: everywhere) */
                region?: string;
                /** @description A year (2026), a quarter (2026-Q3) or a month (2026-07); default: this quarter */
                period?: string;
                /** @description First day of a period of your own */
                start?: string;
                /** @description Last day (included) of that period */
                end?: string;
                /** @description Published figures: cells under 5 children are blanked */
                published?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Statistics"];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getstats_visits: {
        parameters: {
            query?: {
                /** @description The region (default: all your areas; admins: everywhere) */
                region?: string;
                /** @description A year (2026), a quarter (2026-Q3) or a month (2026-07); default: this quarter */
                period?: string;
                /** @description First day of a period of your own */
                start?: string;
                /** @description Last day (included) of that period */
                end?: string;
                /** @description Published figures: cells under 5 children are blanked */
                published?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Statistics"];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getstats_urgent_reports: {
        parameters: {
            query?: {
                /** @description The region (default: all your areas; admins: everywhere) */
                region?: string;
                /** @description A year (2026), a quarter (2026-Q3) or a month (2026-07); default: this quarter */
                period?: string;
                /** @description First day of a period of your own */
                start?: string;
                /** @description Last day (included) of that period */
                end?: string;
                /** @description Published figures: cells under 5 children are blanked */
                published?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Statistics"];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getstats_providers: {
        parameters: {
            query?: {
                /** @description The region (default: all your areas; admins: everywhere) */
                region?: string;
                /** @description A year (2026), a quarter (2026-Q3) or a month (2026-07); default: this quarter */
                period?: string;
                /** @description First day of a period of your own */
                start?: string;
                /** @description Last day (included) of that period */
                end?: string;
                /** @description Published figures: cells under 5 children are blanked */
                published?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Statistics"];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getstats_delivery: {
        parameters: {
            query?: {
                /** @description The region (default: all your areas; admins: everywhere) */
                region?: string;
                /** @description A year (2026), a quarter (2026-Q3) or a month (2026-07); default: this quarter */
                period?: string;
                /** @description First day of a period of your own */
                start?: string;
                /** @description Last day (included) of that period */
                end?: string;
                /** @description Published figures: cells under 5 children are blanked */
                published?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Statistics"];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getOrganisations: {
        parameters: {
            query: {
                /** @description The region (a county, a township...) */
                region: string;
                /** @description A year (2026), a quarter (2026-Q3) or a month (2026-07); default: this quarter */
                period?: string;
                /** @description First day of a period of your own */
                start?: string;
                /** @description Last day (included) of that period */
                end?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Statistics"];
                };
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getReport: {
        parameters: {
            query?: {
                /** @description The region (default: all your areas; admins: everywhere) */
                region?: string;
                /** @description A year (2026), a quarter (2026-Q3) or a month (2026-07); default: this quarter */
                period?: string;
                /** @description First day of a period of your own */
                start?: string;
                /** @description Last day (included) of that period */
                end?: string;
                /** @description Blank cells under 5 children (default: yes for a year, no otherwise) */
                published?: boolean;
                /** @description json, xlsx (one sheet per table) or pdf */
                format?: "json" | "xlsx" | "pdf";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every table of the period: JSON, or the report as XLSX or PDF */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Statistics"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "application/pdf": string;
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getOverview: {
        parameters: {
            query?: {
                /** @description A region of yours (default: all your areas; admins: everywhere) */
                region?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Overview"];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getMap: {
        parameters: {
            query?: {
                /** @description A township or county of yours (default: all your areas) */
                region?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Map"];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postWhatIf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                run_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WhatIf"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WhatIfResult"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getRecruiting: {
        parameters: {
            query?: {
                per_township?: number;
                capacity?: number;
                radius_km?: number;
                limit?: number;
            };
            header?: never;
            path: {
                run_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Suggestion"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getSpotChecks: {
        parameters: {
            query?: {
                year?: number;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpotCheck"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postSpotChecks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SpotCheckCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpotCheckDetail"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getSpotCheckById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                check_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpotCheckDetail"];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getItems: {
        parameters: {
            query?: {
                /** @description Only files of this township */
                township?: string;
                unchecked?: boolean;
                page?: number;
                page_size?: number;
            };
            header?: never;
            path: {
                check_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Pagination metadata, a JSON object */
                    "X-Pagination"?: {
                        "application/json": {
                            total?: number;
                            total_pages?: number;
                            first_page?: number;
                            last_page?: number;
                            page?: number;
                            previous_page?: number;
                            next_page?: number;
                        };
                    };
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpotCheckItem"][];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getItemById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                check_id: number;
                item_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpotCheckItemDetail"];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    putItemById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                check_id: number;
                item_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SpotCheckRecord"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpotCheckItem"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getFileSummary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                child_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getEntrustedCare: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                child_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    postCertificates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CertificateCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Certificate"];
                };
            };
            400: components["responses"]["BAD_REQUEST"];
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator, volunteer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such volunteer of your area */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["CONFLICT"];
            413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getCertificateById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                certificate_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Certificate"];
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator, volunteer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getCertificatePdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                certificate_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description Not signed in or token invalid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: coordinator, volunteer */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
    getVerify: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Verification"];
                };
            };
            404: components["responses"]["NOT_FOUND"];
            422: components["responses"]["UNPROCESSABLE_ENTITY"];
            429: components["responses"]["TOO_MANY_REQUESTS"];
            default: components["responses"]["DEFAULT_ERROR"];
        };
    };
}
