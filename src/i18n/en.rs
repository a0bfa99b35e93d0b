//! English: the reference catalogue. Accessible names here are part of the UI contract.

use super::Key::{self, *};

pub fn text(key: Key) -> &'static str {
    match key {
        Loading => "Loading…",
        SkipToContent => "Skip to content",
        SignOut => "Sign out",
        Language => "Language",
        Theme => "Theme",
        ThemeSystem => "System",
        ThemeLight => "Light",
        ThemeDark => "Dark",
        ConfigErrorTitle => "This page is not set up yet",
        ConfigErrorHelp => {
            "The site's operator needs to publish a valid config.json next to index.html. Please try again later."
        }
        ConfigUnavailableNetwork => "config.json could not be loaded (network error).",
        ConfigUnavailableStatus => "config.json could not be loaded (HTTP {0}).",
        ConfigMalformed => "config.json is not valid: {0}.",
        ConfigNotAnObject => "it is not a JSON object",
        ConfigWrongType => "\"{0}\" has the wrong type",
        ConfigDialectMissing => "\"dialect\" is missing",
        ConfigDialectUnknown => "\"dialect\" must be \"cg\" or \"b2core\", not \"{0}\"",
        ConfigApiBaseInvalid => {
            "\"api_base\" must be empty (same origin), an https URL, or an http URL of this machine"
        }
        NotFoundTitle => "Page not found",
        NotFoundText => "There is nothing at this address.",
        NotFoundLink => "Go to your security settings",
        CanTryAgainNow => "You can try again now.",
        TooManyAttemptsIn => "Too many attempts. You can try again in {0}.",
        TryAgain => "Try again",
        Cancel => "Cancel",
        VerificationCode => "Verification code",
        Verify => "Verify",
        MethodTotp => "Authenticator app",
        MethodSms => "Text message (SMS)",
        SetUpTotp => "Set up authenticator app",
        SetUpSms => "Set up text message",
        TurnOffTotp => "Turn off authenticator app",
        TurnOffSms => "Turn off text message",
        TurnOffTotpHeading => "Turn off authenticator app",
        TurnOffSmsHeading => "Turn off text message (sms)",
        On => "On",
        Off => "Off",
        DefaultBadge => "Default",
        Since => "Since {0}",
        DefaultMethod => "Default method",
        DefaultMethodHelp => "Asked for first when you sign in.",
        SetUpTotpHeading => "Set up an authenticator app",
        PreparingKey => "Preparing your key…",
        ScanQr => "Scan this QR code with your authenticator app.",
        OpenInApp => "Open in authenticator app",
        EnterAppCode => "Enter the 6-digit code the app shows.",
        QrAlt => "QR code for adding {0} to your authenticator app. If you cannot scan it, enter the key shown below.",
        QrFailed => "The QR code could not be drawn. Enter the key below instead.",
        EnterKeyInApp => "Or enter this key in the app:",
        CopyKey => "Copy key",
        KeyCopied => "Key copied.",
        CopyBlockedKey => "Copying was blocked by the browser. The key is selected: copy it with Ctrl+C or ⌘C.",
        KeyToCopy => "Key to copy",
        DriftAhead => {
            "That code is from about {0} ahead of now: your phone's clock seems to be off. \
             Turn on automatic date and time on your phone, then enter the new code."
        }
        DriftBehind => {
            "That code is from about {0} behind of now: your phone's clock seems to be off. \
             Turn on automatic date and time on your phone, then enter the new code."
        }
        MinutesOne => "{0} minute",
        MinutesFew | MinutesMany => "{0} minutes",
        SetUpSmsHeading => "Set up text messages",
        Country => "Country",
        PhoneNumber => "Phone number",
        PhoneHelp => "We check the number before sending a code to it.",
        SendCode => "Send code",
        CannotReceiveTexts => "This phone number cannot receive text messages.",
        WeSentCodeTo => "We sent a code to {0}.",
        CodeExpired => "The code has expired. Send a new one.",
        CodeExpiresIn => "The code expires in {0}.",
        ResendCode => "Resend code",
        NewCodeIn => "You can ask for a new code in {0}.",
        ChangeNumber => "Change number",
        PhoneEmpty => "Enter your phone number.",
        PhoneBadCharacters => "A phone number has only digits, spaces, dashes and brackets.",
        PhoneTooShort => "This phone number is too short.",
        PhoneTooLong => "This phone number is too long.",
        Preparing => "Preparing…",
        TurnedOff => "Turned off.",
        SentCodeToTurnOff => "We sent a code to {0}. Enter it to turn this method off.",
        EnterAppCodeToTurnOff => "Enter a current code from your authenticator app to turn it off.",
        CodeExpiredStartAgain => "The code has expired. Cancel and start again for a new one.",
        TurnOff => "Turn off",
        Security => "Security",
        LoadingSettings => "Loading your settings…",
        PageUnavailable => "This page could not be loaded. Check your connection and try again.",
        PageTimedOut => "This page took too long to load. Check your connection and try again.",
        StepUnavailable => "This step could not be loaded. Check your connection and try again.",
        StepTimedOut => "This step took too long to load. Check your connection and try again.",
        TwoFactor => "Two-factor authentication",
        TwoFactorOn => "Two-factor authentication is on",
        TwoFactorOff => "Two-factor authentication is off",
        LastUsed => "Last used to sign in: {0}",
        OnlyMethodWarning => {
            "This is your only two-factor method: turning it off turns two-factor authentication off, \
             and your account will be protected by your password alone."
        }
        DefaultWillChange => "This is your default method. {0} will become your default.",
        DefaultSaved => "Default method saved: {0}.",
        MethodIsOn => "{0} is on.",
        MethodIsOff => "{0} is off.",
        RecoveryCodes => "Recovery codes",
        YourRecoveryCodes => "Your recovery codes",
        CodesLeft => "{0} of {1} codes left",
        FewCodesLeft => "Only {0} recovery codes left. Generate a new set so you are not locked out.",
        RecoveryIntro => "Recovery codes let you sign in when you cannot use your phone.",
        GenerateNew => "Generate new recovery codes",
        ViewCodes => "View recovery codes",
        ReplaceCodesTitle => "Replace your recovery codes?",
        ReplaceCodesText => "Your current codes stop working as soon as the new ones are made.",
        Generate => "Generate",
        KeepCodesSafe => {
            "Keep these codes somewhere safe, such as a password manager. Each code works once, \
             for signing in when you cannot use your other methods."
        }
        Copy => "Copy",
        Download => "Download",
        Print => "Print",
        SavedCodes => "I have saved my recovery codes",
        Done => "Done",
        UsedMark => "used",
        CodesCopied => "Codes copied.",
        CopyBlockedCodes => "Copying was blocked by the browser. Use Download or Print instead.",
        CodesDownloaded => "Codes downloaded.",
        DownloadFailed => "The download could not start. Use Copy or Print instead.",
        FileTitle => "{0} recovery codes",
        FileAccount => "Account: {0}",
        FileGenerated => "Generated: {0}",
        FileHowTo => {
            "Each code can be used once to sign in if you cannot use your other methods.\n\
             Keep these codes somewhere safe."
        }
        FileUsedCode => "{0} (used)",
        SignIn => "Sign in",
        Email => "Email",
        Password => "Password",
        TextMeInstead => "Text me a code instead",
        PromptSmsSent => "We sent a code to your phone. Enter it below.",
        PromptSms => "Enter the code from the text message we send to your phone.",
        PromptApp => "Enter the 6-digit code from your authenticator app.",
        UseAppInstead => "Use your authenticator app instead",
        UseRecoveryCode => "Use a recovery code",
        RecoveryPrompt => "Enter one of the recovery codes you saved. Each code works once.",
        RecoveryCode => "Recovery code",
        UseCodeInstead => "Use a verification code instead",
        StartAgain => "Start again",
        ConfirmItsYou => "Confirm it's you",
        ConfirmPrompt => "To change how you sign in, enter a current code from your authenticator app, a text message or a recovery code.",
        Confirm => "Confirm",
        TextMeCode => "Text me a code",
        StepUpNeeded => "Confirm it's you with a current code first.",
        SignedInWithRecoveryOne => "You signed in with a recovery code. {0} recovery code is left.",
        SignedInWithRecoveryFew | SignedInWithRecoveryMany => {
            "You signed in with a recovery code. {0} recovery codes are left."
        }
        SignedInWithRecoveryUnknown => "You signed in with a recovery code. It cannot be used again.",
        SessionEnded => "Your session has ended. Please sign in again.",
        RateLimited => "Too many attempts. Please wait {0} seconds before trying again.",
        ServerError => "The server could not complete the request (error {0}). Please try again.",
        Timeout => "The server took too long to answer. Please try again.",
        Network => "Could not reach the server. Check your connection and try again.",
        Malformed => "The server sent an answer we could not understand. Please try again.",
        GenericRejection => "The request was not accepted. Please check what you entered.",
        WrongPassword => "The email or password is not correct.",
        SignInExpired => "This sign-in has expired. Please start again.",
        ServerTextsItself => "This server sends the sign-in text message by itself.",
        UnsupportedStep => "The server asked for a step this page does not support ({0}).",
        WrongCode => "That code is not right. Please check it and try again.",
        EnterSixDigits => "Enter the 6-digit code.",
        UnsafeHeader => {
            "The request was not sent: its {0} value contains a line break or another character HTTP headers cannot carry. Please tell the site's operator."
        }
    }
}
