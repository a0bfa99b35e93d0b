//! Deutsch.

use super::Key::{self, *};

pub fn text(key: Key) -> &'static str {
    match key {
        Loading => "Wird geladen…",
        SkipToContent => "Zum Inhalt springen",
        SignOut => "Abmelden",
        Language => "Sprache",
        Theme => "Design",
        ThemeSystem => "System",
        ThemeLight => "Hell",
        ThemeDark => "Dunkel",
        ConfigErrorTitle => "Diese Seite ist noch nicht eingerichtet",
        ConfigErrorHelp => {
            "Der Betreiber der Website muss eine gültige config.json neben index.html veröffentlichen. \
             Bitte versuchen Sie es später erneut."
        }
        ConfigUnavailableNetwork => "config.json konnte nicht geladen werden (Netzwerkfehler).",
        ConfigUnavailableStatus => "config.json konnte nicht geladen werden (HTTP {0}).",
        ConfigMalformed => "config.json ist ungültig: {0}.",
        ConfigNotAnObject => "die Datei ist kein JSON-Objekt",
        ConfigWrongType => "„{0}“ hat den falschen Typ",
        ConfigDialectMissing => "„dialect“ fehlt",
        ConfigDialectUnknown => "„dialect“ muss „cg“ oder „b2core“ sein, nicht „{0}“",
        ConfigApiBaseInvalid => "„api_base“ muss leer (gleicher Ursprung) oder eine http(s)-URL sein",
        NotFoundTitle => "Seite nicht gefunden",
        NotFoundText => "Unter dieser Adresse gibt es nichts.",
        NotFoundLink => "Zu Ihren Sicherheitseinstellungen",
        CanTryAgainNow => "Sie können es jetzt erneut versuchen.",
        TooManyAttemptsIn => "Zu viele Versuche. Sie können es in {0} erneut versuchen.",
        TryAgain => "Erneut versuchen",
        Cancel => "Abbrechen",
        VerificationCode => "Bestätigungscode",
        Verify => "Bestätigen",
        MethodTotp => "Authenticator-App",
        MethodSms => "SMS",
        SetUpTotp => "Authenticator-App einrichten",
        SetUpSms => "SMS einrichten",
        TurnOffTotp => "Authenticator-App ausschalten",
        TurnOffSms => "SMS ausschalten",
        TurnOffTotpHeading => "Authenticator-App ausschalten",
        TurnOffSmsHeading => "SMS ausschalten",
        On => "An",
        Off => "Aus",
        DefaultBadge => "Standard",
        Since => "Seit {0}",
        DefaultMethod => "Standardmethode",
        DefaultMethodHelp => "Wird bei der Anmeldung zuerst abgefragt.",
        SetUpTotpHeading => "Authenticator-App einrichten",
        PreparingKey => "Ihr Schlüssel wird vorbereitet…",
        ScanQr => "Scannen Sie diesen QR-Code mit Ihrer Authenticator-App.",
        OpenInApp => "In Authenticator-App öffnen",
        EnterAppCode => "Geben Sie den 6-stelligen Code aus der App ein.",
        QrAlt => {
            "QR-Code, um {0} zu Ihrer Authenticator-App hinzuzufügen. Wenn Sie ihn nicht scannen können, \
             geben Sie den unten gezeigten Schlüssel ein."
        }
        QrFailed => "Der QR-Code konnte nicht gezeichnet werden. Geben Sie stattdessen den Schlüssel unten ein.",
        EnterKeyInApp => "Oder geben Sie diesen Schlüssel in der App ein:",
        CopyKey => "Schlüssel kopieren",
        KeyCopied => "Schlüssel kopiert.",
        CopyBlockedKey => {
            "Der Browser hat das Kopieren blockiert. Der Schlüssel ist markiert: Kopieren Sie ihn mit Strg+C oder ⌘C."
        }
        KeyToCopy => "Schlüssel zum Kopieren",
        DriftAhead => {
            "Dieser Code ist etwa {0} in der Zukunft: Die Uhr Ihres Telefons scheint falsch zu gehen. \
             Schalten Sie dort automatisches Datum und Uhrzeit ein und geben Sie dann den neuen Code ein."
        }
        DriftBehind => {
            "Dieser Code ist etwa {0} alt: Die Uhr Ihres Telefons scheint falsch zu gehen. \
             Schalten Sie dort automatisches Datum und Uhrzeit ein und geben Sie dann den neuen Code ein."
        }
        MinutesOne => "{0} Minute",
        MinutesFew | MinutesMany => "{0} Minuten",
        SetUpSmsHeading => "SMS einrichten",
        Country => "Land",
        PhoneNumber => "Telefonnummer",
        PhoneHelp => "Wir prüfen die Nummer, bevor wir einen Code an sie senden.",
        SendCode => "Code senden",
        CannotReceiveTexts => "Diese Telefonnummer kann keine SMS empfangen.",
        WeSentCodeTo => "Wir haben einen Code an {0} gesendet.",
        CodeExpired => "Der Code ist abgelaufen. Fordern Sie einen neuen an.",
        CodeExpiresIn => "Der Code läuft in {0} ab.",
        ResendCode => "Code erneut senden",
        NewCodeIn => "Sie können in {0} einen neuen Code anfordern.",
        ChangeNumber => "Nummer ändern",
        PhoneEmpty => "Geben Sie Ihre Telefonnummer ein.",
        PhoneBadCharacters => "Eine Telefonnummer enthält nur Ziffern, Leerzeichen, Bindestriche und Klammern.",
        PhoneTooShort => "Diese Telefonnummer ist zu kurz.",
        PhoneTooLong => "Diese Telefonnummer ist zu lang.",
        Preparing => "Wird vorbereitet…",
        TurnedOff => "Ausgeschaltet.",
        SentCodeToTurnOff => "Wir haben einen Code an {0} gesendet. Geben Sie ihn ein, um diese Methode auszuschalten.",
        EnterAppCodeToTurnOff => "Geben Sie einen aktuellen Code aus Ihrer Authenticator-App ein, um sie auszuschalten.",
        CodeExpiredStartAgain => "Der Code ist abgelaufen. Brechen Sie ab und beginnen Sie neu, um einen neuen zu erhalten.",
        TurnOff => "Ausschalten",
        Security => "Sicherheit",
        LoadingSettings => "Ihre Einstellungen werden geladen…",
        TwoFactor => "Zwei-Faktor-Authentifizierung",
        TwoFactorOn => "Zwei-Faktor-Authentifizierung ist an",
        TwoFactorOff => "Zwei-Faktor-Authentifizierung ist aus",
        LastUsed => "Zuletzt zur Anmeldung verwendet: {0}",
        OnlyMethodWarning => {
            "Dies ist Ihre einzige Zwei-Faktor-Methode: Wenn Sie sie ausschalten, ist die \
             Zwei-Faktor-Authentifizierung aus und Ihr Konto nur noch durch Ihr Passwort geschützt."
        }
        DefaultWillChange => "Dies ist Ihre Standardmethode. {0} wird Ihre neue Standardmethode.",
        DefaultSaved => "Standardmethode gespeichert: {0}.",
        MethodIsOn => "{0} ist an.",
        MethodIsOff => "{0} ist aus.",
        RecoveryCodes => "Wiederherstellungscodes",
        YourRecoveryCodes => "Ihre Wiederherstellungscodes",
        CodesLeft => "Noch {0} von {1} Codes übrig",
        FewCodesLeft => {
            "Nur noch {0} Wiederherstellungscodes übrig. Erzeugen Sie neue, damit Sie nicht ausgesperrt werden."
        }
        RecoveryIntro => {
            "Mit Wiederherstellungscodes können Sie sich anmelden, wenn Sie Ihr Telefon nicht verwenden können."
        }
        GenerateNew => "Neue Wiederherstellungscodes erzeugen",
        ViewCodes => "Wiederherstellungscodes anzeigen",
        ReplaceCodesTitle => "Wiederherstellungscodes ersetzen?",
        ReplaceCodesText => "Ihre bisherigen Codes funktionieren nicht mehr, sobald die neuen erzeugt sind.",
        Generate => "Erzeugen",
        KeepCodesSafe => {
            "Bewahren Sie diese Codes sicher auf, etwa in einem Passwort-Manager. Jeder Code funktioniert \
             einmal, zur Anmeldung, wenn Sie Ihre anderen Methoden nicht verwenden können."
        }
        Copy => "Kopieren",
        Download => "Herunterladen",
        Print => "Drucken",
        SavedCodes => "Ich habe meine Wiederherstellungscodes gespeichert",
        Done => "Fertig",
        UsedMark => "verwendet",
        CodesCopied => "Codes kopiert.",
        CopyBlockedCodes => "Der Browser hat das Kopieren blockiert. Verwenden Sie stattdessen Herunterladen oder Drucken.",
        CodesDownloaded => "Codes heruntergeladen.",
        DownloadFailed => "Der Download konnte nicht starten. Verwenden Sie stattdessen Kopieren oder Drucken.",
        FileTitle => "{0}: Wiederherstellungscodes",
        FileAccount => "Konto: {0}",
        FileGenerated => "Erzeugt: {0}",
        FileHowTo => {
            "Jeder Code kann einmal zur Anmeldung verwendet werden, wenn Sie Ihre anderen Methoden nicht verwenden können.\n\
             Bewahren Sie diese Codes sicher auf."
        }
        FileUsedCode => "{0} (verwendet)",
        SignIn => "Anmelden",
        Email => "E-Mail",
        Password => "Passwort",
        TextMeInstead => "Stattdessen Code per SMS senden",
        PromptSmsSent => "Wir haben einen Code an Ihr Telefon gesendet. Geben Sie ihn unten ein.",
        PromptSms => "Geben Sie den Code aus der SMS ein, die wir an Ihr Telefon senden.",
        PromptApp => "Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein.",
        UseAppInstead => "Stattdessen Authenticator-App verwenden",
        UseRecoveryCode => "Wiederherstellungscode verwenden",
        RecoveryPrompt => {
            "Geben Sie einen der Wiederherstellungscodes ein, die Sie gespeichert haben. Jeder Code funktioniert einmal."
        }
        RecoveryCode => "Wiederherstellungscode",
        UseCodeInstead => "Stattdessen Bestätigungscode verwenden",
        StartAgain => "Neu beginnen",
        SignedInWithRecoveryOne => "Sie haben sich mit einem Wiederherstellungscode angemeldet. {0} Code ist noch übrig.",
        SignedInWithRecoveryFew | SignedInWithRecoveryMany => {
            "Sie haben sich mit einem Wiederherstellungscode angemeldet. {0} Codes sind noch übrig."
        }
        SignedInWithRecoveryUnknown => {
            "Sie haben sich mit einem Wiederherstellungscode angemeldet. Er kann nicht erneut verwendet werden."
        }
        SessionEnded => "Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.",
        RateLimited => "Zu viele Versuche. Bitte warten Sie {0} Sekunden, bevor Sie es erneut versuchen.",
        ServerError => "Der Server konnte die Anfrage nicht ausführen (Fehler {0}). Bitte versuchen Sie es erneut.",
        Timeout => "Der Server hat zu lange nicht geantwortet. Bitte versuchen Sie es erneut.",
        Network => "Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
        Malformed => "Der Server hat eine unverständliche Antwort gesendet. Bitte versuchen Sie es erneut.",
        GenericRejection => "Die Anfrage wurde nicht angenommen. Bitte prüfen Sie Ihre Eingaben.",
        WrongPassword => "E-Mail oder Passwort ist nicht korrekt.",
        SignInExpired => "Diese Anmeldung ist abgelaufen. Bitte beginnen Sie neu.",
        ServerTextsItself => "Dieser Server sendet die SMS zur Anmeldung selbst.",
        UnsupportedStep => "Der Server verlangt einen Schritt, den diese Seite nicht unterstützt ({0}).",
        WrongCode => "Dieser Code ist nicht richtig. Bitte prüfen Sie ihn und versuchen Sie es erneut.",
        EnterSixDigits => "Geben Sie den 6-stelligen Code ein.",
        DateFormat => "{0}. {1} {2}",
        Jan => "Jan.",
        Feb => "Feb.",
        Mar => "März",
        Apr => "Apr.",
        May => "Mai",
        Jun => "Juni",
        Jul => "Juli",
        Aug => "Aug.",
        Sep => "Sept.",
        Oct => "Okt.",
        Nov => "Nov.",
        Dec => "Dez.",
    }
}
