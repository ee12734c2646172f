<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy">
<context>
    <name>AccountDialog</name>
    <message>
        <source>Set up your mail account</source>
        <translation>Gosod eich cyfrif e-bost</translation>
    </message>
    <message>
        <source>Pont reads the group’s messages from your own mailbox and sends the group’s mail from it. Type the address and password you use for your email: Pont finds the rest and checks that both work.</source>
        <translation>Mae Pont yn darllen negeseuon y grŵp o’ch blwch post eich hun ac yn anfon e-bost y grŵp ohono. Teipiwch y cyfeiriad a’r cyfrinair rydych chi’n eu defnyddio ar gyfer eich e-bost: bydd Pont yn dod o hyd i’r gweddill ac yn gwirio bod y ddau’n gweithio.</translation>
    </message>
    <message>
        <source>Type the address and password you use for your email, and your provider’s server settings. Pont checks that both servers work before saving anything.</source>
        <translation>Teipiwch y cyfeiriad a’r cyfrinair rydych chi’n eu defnyddio ar gyfer eich e-bost, a gosodiadau gweinydd eich darparwr. Bydd Pont yn gwirio bod y ddau weinydd yn gweithio cyn cadw dim.</translation>
    </message>
    <message>
        <source>Pont reads the group’s messages from your own mailbox and sends the group’s mail from it, once you sign in with Microsoft and allow it.</source>
        <translation>Mae Pont yn darllen negeseuon y grŵp o’ch blwch post eich hun ac yn anfon post y grŵp ohono, unwaith y byddwch wedi mewngofnodi gyda Microsoft a rhoi caniatâd.</translation>
    </message>
    <message>
        <source>You can also do this later, from the Mail menu.</source>
        <translation>Gallwch chi hefyd wneud hyn yn nes ymlaen, o’r ddewislen E-bost.</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>Cyfeiriad e-bost</translation>
    </message>
    <message>
        <source>name@example.org</source>
        <translation>enw@example.org</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Cyfrinair</translation>
    </message>
    <message>
        <source>&amp;Show password</source>
        <translation>&amp;Dangos y cyfrinair</translation>
    </message>
    <message>
        <source>&amp;Email address:</source>
        <translation>&amp;Cyfeiriad e-bost:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>C&amp;yfrinair:</translation>
    </message>
    <message>
        <source>How this mailbox signs in</source>
        <translation>Sut mae’r blwch post hwn yn mewngofnodi</translation>
    </message>
    <message>
        <source>No browser? Sign in with a &amp;code instead…</source>
        <translation>Dim porwr? Mewngofnodwch gyda &amp;chod yn lle hynny…</translation>
    </message>
    <message>
        <source>A fallback: you type a code on another device. Many organisations block it; use it only when no web browser opens here.</source>
        <translation>Dewis wrth gefn: rydych chi’n teipio cod ar ddyfais arall. Mae llawer o sefydliadau’n ei rwystro; defnyddiwch ef dim ond pan na fydd porwr gwe yn agor yma.</translation>
    </message>
    <message>
        <source>Ask your &amp;IT team…</source>
        <translation>Gofynnwch i’ch tîm &amp;TG…</translation>
    </message>
    <message>
        <source>Let Pont &amp;find the settings</source>
        <translation>Gadael i Pont &amp;ganfod y gosodiadau</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Wedi cysylltu</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Yn cysylltu</translation>
    </message>
    <message>
        <source>What Pont is doing</source>
        <translation>Beth mae Pont yn ei wneud</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>Cy&amp;sylltu</translation>
    </message>
    <message>
        <source>Connect to the mailbox</source>
        <translation>Cysylltu â’r blwch post</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Gorffen</translation>
    </message>
    <message>
        <source>Sign in with &amp;Microsoft</source>
        <translation>Mewngofnodi gyda &amp;Microsoft</translation>
    </message>
    <message>
        <source>Enter server settings by &amp;hand…</source>
        <translation>Rhoi gosodiadau’r gweinydd â &amp;llaw…</translation>
    </message>
    <message>
        <source>For when your provider gave you server names and ports to use</source>
        <translation>Os yw eich darparwr wedi rhoi enwau gweinyddion a phyrth i chi eu defnyddio</translation>
    </message>
    <message>
        <source>Certificate problem</source>
        <translation>Problem gyda’r dystysgrif</translation>
    </message>
    <message>
        <source>Its certificate’s fingerprint (SHA-256):</source>
        <translation>Ôl bys tystysgrif y gweinydd (SHA-256):</translation>
    </message>
    <message>
        <source>Certificate fingerprint (SHA-256)</source>
        <translation>Ôl bys y dystysgrif (SHA-256)</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate</source>
        <translation>&amp;Ymddiried yn y dystysgrif hon</translation>
    </message>
    <message>
        <source>Trust this certificate and connect</source>
        <translation>Ymddiried yn y dystysgrif hon a chysylltu</translation>
    </message>
    <message>
        <source>&amp;Go back</source>
        <translation>&amp;Mynd yn ôl</translation>
    </message>
    <message>
        <source>This computer has no password store Pont can use, so Pont cannot remember your password: it will ask for it each time it starts. Until you close Pont, it keeps the password in memory only.</source>
        <translation>Nid oes storfa cyfrineiriau ar y cyfrifiadur hwn y gall Pont ei defnyddio, felly ni all Pont gofio eich cyfrinair: bydd yn gofyn amdano bob tro y bydd yn cychwyn. Nes i chi gau Pont, mae’n cadw’r cyfrinair yn y cof yn unig.</translation>
    </message>
    <message>
        <source>Your password is kept in this computer’s password store, not in Pont’s files.</source>
        <translation>Mae eich cyfrinair yn cael ei gadw yn storfa cyfrineiriau’r cyfrifiadur hwn, nid yn ffeiliau Pont.</translation>
    </message>
    <message>
        <source>Pont is connected to {email}.</source>
        <translation>Mae Pont wedi cysylltu â {email}.</translation>
    </message>
    <message>
        <source>Pont now fetches the group’s messages from your inbox and Sent folder. Your other mail stays where it is and is not copied.</source>
        <translation>Bydd Pont nawr yn nôl negeseuon y grŵp o’ch Blwch Derbyn a’ch ffolder Eitemau a Anfonwyd. Mae eich negeseuon e-bost eraill yn aros lle maen nhw, ac nid ydyn nhw’n cael eu copïo.</translation>
    </message>
    <message>
        <source>Pont sends the group’s mail over SMTP.</source>
        <translation>Mae Pont yn anfon post y grŵp dros SMTP.</translation>
    </message>
    <message>
        <source>Your organisation has turned off sending over SMTP, so Pont sends the group’s mail through Microsoft Graph.</source>
        <translation>Mae eich sefydliad wedi diffodd anfon dros SMTP, felly mae Pont yn anfon post y grŵp drwy Microsoft Graph.</translation>
    </message>
    <message>
        <source>It fetches the group’s messages from your inbox and Sent folder over IMAP; your other mail stays where it is and is not copied.</source>
        <translation>Mae’n nôl negeseuon y grŵp o’ch mewnflwch a’ch ffolder Anfonwyd dros IMAP; mae eich post arall yn aros lle mae ac nid yw’n cael ei gopïo.</translation>
    </message>
    <message>
        <source>It fetches the group’s messages from your inbox and Sent folder through Microsoft Graph; your other mail stays where it is and is not copied.</source>
        <translation>Mae’n nôl negeseuon y grŵp o’ch mewnflwch a’ch ffolder Anfonwyd drwy Microsoft Graph; mae eich post arall yn aros lle mae ac nid yw’n cael ei gopïo.</translation>
    </message>
    <message>
        <source>Your organisation does not let Pont read your mailbox yet, so the group’s conversations stay empty; posts still go out. Your IT team can allow it.</source>
        <translation>Nid yw eich sefydliad yn gadael i Pont ddarllen eich blwch post eto, felly mae sgyrsiau’r grŵp yn aros yn wag; mae negeseuon yn dal i fynd allan. Gall eich tîm TG ganiatáu hyn.</translation>
    </message>
    <message>
        <source>Pont signs in with Microsoft and keeps no password: this computer’s password store holds only Microsoft’s sign-in for Pont, which you can withdraw at any time.</source>
        <translation>Mae Pont yn mewngofnodi gyda Microsoft ac nid yw’n cadw cyfrinair: dim ond mewngofnodiad Microsoft ar gyfer Pont sydd yn storfa gyfrineiriau’r cyfrifiadur hwn, a gallwch ei dynnu’n ôl unrhyw bryd.</translation>
    </message>
    <message>
        <source>Incoming mail server: {imap}. Outgoing mail server: {smtp}.</source>
        <translation>Gweinydd e-bost i mewn: {imap}. Gweinydd e-bost allan: {smtp}.</translation>
    </message>
    <message>
        <source>Both connections are encrypted.</source>
        <translation>Mae’r ddau gysylltiad wedi’u hamgryptio.</translation>
    </message>
    <message>
        <source>Pont trusts the certificate you chose for {hosts}.</source>
        <translation>Mae Pont yn ymddiried yn y dystysgrif a ddewisoch chi ar gyfer {hosts}.</translation>
    </message>
    <message>
        <source>Trust it only if you expected this, for example because your organisation runs its own mail server, or if your provider confirms this fingerprint. Pont will then accept this certificate, and no other, from {host}.</source>
        <translation>Ymddiriedwch ynddi dim ond os oeddech chi’n disgwyl hyn, er enghraifft am fod eich sefydliad yn rhedeg ei weinydd e-bost ei hun, neu os yw eich darparwr yn cadarnhau’r ôl bys hwn. Yna bydd Pont yn derbyn y dystysgrif hon, a dim un arall, gan {host}.</translation>
    </message>
    <message>
        <source>Microsoft 365</source>
        <translation>Microsoft 365</translation>
    </message>
    <message>
        <source>{provider} mailboxes sign in with Microsoft. Pont opens Microsoft’s sign-in page in your web browser: sign in there and allow Pont. You type no password here, and Pont keeps none.</source>
        <translation>Mae blychau post {provider} yn mewngofnodi gyda Microsoft. Mae Pont yn agor tudalen fewngofnodi Microsoft yn eich porwr gwe: mewngofnodwch yno a rhoi caniatâd i Pont. Nid ydych yn teipio cyfrinair yma, ac nid yw Pont yn cadw un.</translation>
    </message>
</context>
<context>
    <name>Accounts</name>
    <message>
        <source>incoming (IMAP)</source>
        <translation>e-bost i mewn (IMAP)</translation>
    </message>
    <message>
        <source>outgoing (SMTP)</source>
        <translation>e-bost allan (SMTP)</translation>
    </message>
    <message>
        <source>The {kind} server needs a name, such as mail.example.org.</source>
        <translation>Mae angen enw ar y gweinydd {kind}, fel mail.example.org.</translation>
    </message>
    <message>
        <source>The {kind} server&apos;s port must be a number from 1 to 65535.</source>
        <translation>Rhaid i borth y gweinydd {kind} fod yn rhif rhwng 1 a 65535.</translation>
    </message>
    <message>
        <source>The account needs a user name (usually the email address).</source>
        <translation>Mae angen enw defnyddiwr ar y cyfrif (y cyfeiriad e-bost fel arfer).</translation>
    </message>
    <message>
        <source>number {number}</source>
        <translation>rhif {number}</translation>
    </message>
</context>
<context>
    <name>AddressCheck</name>
    <message>
        <source>{address} is the mailbox itself, so it cannot tell the group’s mail from yours: type an alias or a shared mailbox that delivers to it.</source>
        <translation>{address} yw’r blwch post ei hun, felly ni all wahaniaethu rhwng post y grŵp a’ch post chi: teipiwch enw arall (alias) neu flwch post a rennir sy’n danfon iddo.</translation>
    </message>
    <message>
        <source>Pont could not send the test message: {why}</source>
        <translation>Methodd Pont ag anfon y neges brawf: {why}</translation>
    </message>
    <message>
        <source>The mail server refused the test message to {address} ({why}).</source>
        <translation>Gwrthododd y gweinydd e-bost y neges brawf at {address} ({why}).</translation>
    </message>
    <message>
        <source>The test message to {address} did not arrive.</source>
        <translation>Ni chyrhaeddodd y neges brawf at {address}.</translation>
    </message>
    <message>
        <source>Check that the address is spelt right and that its mail comes to this mailbox.</source>
        <translation>Gwiriwch fod y cyfeiriad wedi’i sillafu’n gywir a bod ei bost yn dod i’r blwch post hwn.</translation>
    </message>
    <message>
        <source>Some Microsoft 365 organisations turn plus addresses off (DisablePlusAddressInRecipients) and some providers never had them.</source>
        <translation>Mae rhai sefydliadau Microsoft 365 yn diffodd cyfeiriadau plws (DisablePlusAddressInRecipients), ac nid yw rhai darparwyr erioed wedi’u cynnig.</translation>
    </message>
    <message>
        <source>Pont’s check of the address for {group}</source>
        <translation>Gwiriad Pont o’r cyfeiriad ar gyfer {group}</translation>
    </message>
    <message>
        <source>Pont sent this to see that mail to {address} reaches your mailbox. It deletes it once it has arrived; if you see it, you may delete it.</source>
        <translation>Anfonodd Pont hwn i weld bod post at {address} yn cyrraedd eich blwch post. Mae’n ei ddileu unwaith y bydd wedi cyrraedd; os gwelwch chi hwn, gallwch ei ddileu.</translation>
    </message>
</context>
<context>
    <name>AddressCheckDialog</name>
    <message>
        <source>Check the group’s address</source>
        <translation>Gwirio cyfeiriad y grŵp</translation>
    </message>
    <message>
        <source>Address check</source>
        <translation>Gwirio’r cyfeiriad</translation>
    </message>
    <message>
        <source>Waiting for the test message</source>
        <translation>Yn aros am y neges brawf</translation>
    </message>
    <message>
        <source>&amp;Keep copying everyone in</source>
        <translation>&amp;Dal i gopïo pawb i mewn</translation>
    </message>
    <message>
        <source>&amp;Use an address I already have:</source>
        <translation>Defnyddio cyfeiriad sydd gen i’n &amp;barod:</translation>
    </message>
    <message>
        <source>e.g. wellbeing@yourdomain.org</source>
        <translation>e.e. llesiant@eichparth.org</translation>
    </message>
    <message>
        <source>An address you already have</source>
        <translation>Cyfeiriad sydd gennych yn barod</translation>
    </message>
    <message>
        <source>An alias or a shared mailbox whose mail comes to this mailbox. Pont checks it the same way before the group uses it.</source>
        <translation>Enw arall (alias) neu flwch post a rennir y mae ei bost yn dod i’r blwch post hwn. Mae Pont yn ei wirio yn yr un ffordd cyn i’r grŵp ei ddefnyddio.</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Check this address</source>
        <translation>Gwirio’r cyfeiriad hwn</translation>
    </message>
    <message>
        <source>Use the group address</source>
        <translation>Defnyddio cyfeiriad y grŵp</translation>
    </message>
    <message>
        <source>Keep copying everyone in</source>
        <translation>Dal i gopïo pawb i mewn</translation>
    </message>
    <message>
        <source>Pont has sent a test message to {address} and is waiting for it to arrive in your mailbox, to be sure members’ replies will reach you. This takes up to a minute.</source>
        <translation>Mae Pont wedi anfon neges brawf at {address} ac yn aros iddi gyrraedd eich blwch post, i wneud yn siŵr y bydd atebion yr aelodau’n eich cyrraedd. Mae hyn yn cymryd hyd at funud.</translation>
    </message>
    <message>
        <source>The test message to {address} arrived, so members’ replies to the group will reach you. {group} will use this address.</source>
        <translation>Cyrhaeddodd y neges brawf at {address}, felly bydd atebion yr aelodau i’r grŵp yn eich cyrraedd. Bydd {group} yn defnyddio’r cyfeiriad hwn.</translation>
    </message>
    <message>
        <source>Pont could not delete the test message: you may delete it.</source>
        <translation>Methodd Pont â dileu’r neges brawf: gallwch chi ei dileu.</translation>
    </message>
</context>
<context>
    <name>Addresses</name>
    <message>
        <source>it is empty</source>
        <translation>mae’n wag</translation>
    </message>
    <message>
        <source>it has no @ in it</source>
        <translation>does dim @ ynddo</translation>
    </message>
    <message>
        <source>it has a small “﹫” where an ordinary @ should be</source>
        <translation>mae ganddo “﹫” bach lle dylai @ cyffredin fod</translation>
    </message>
    <message>
        <source>it has a name or angle brackets around it: type the address alone</source>
        <translation>mae enw neu fachau ongl o&apos;i gwmpas: teipiwch y cyfeiriad ar ei ben ei hun</translation>
    </message>
    <message>
        <source>nothing comes before the @</source>
        <translation>does dim byd cyn yr @</translation>
    </message>
    <message>
        <source>nothing comes after the @</source>
        <translation>does dim byd ar ôl yr @</translation>
    </message>
    <message>
        <source>something comes after the address</source>
        <translation>mae rhywbeth yn dod ar ôl y cyfeiriad</translation>
    </message>
    <message>
        <source>the part after the @ is not a whole domain name, such as example.org</source>
        <translation>nid yw&apos;r rhan ar ôl yr @ yn enw parth cyfan, fel example.org</translation>
    </message>
    <message>
        <source>the part after the @ is a reserved name that mail cannot go to</source>
        <translation>mae&apos;r rhan ar ôl yr @ yn enw neilltuedig na all post fynd ato</translation>
    </message>
    <message>
        <source>it is too long to be an email address</source>
        <translation>mae&apos;n rhy hir i fod yn gyfeiriad e-bost</translation>
    </message>
    <message>
        <source>it has a full stop where an address cannot</source>
        <translation>mae ganddo atalnod llawn lle na all cyfeiriad gael un</translation>
    </message>
    <message>
        <source>it has characters an email address cannot have</source>
        <translation>mae ganddo nodau na all cyfeiriad e-bost eu cael</translation>
    </message>
    <message>
        <source>the part after the @ is not a valid domain name</source>
        <translation>nid yw&apos;r rhan ar ôl yr @ yn enw parth dilys</translation>
    </message>
    <message>
        <source>it is not a valid email address</source>
        <translation>nid yw&apos;n gyfeiriad e-bost dilys</translation>
    </message>
</context>
<context>
    <name>AppPasswords</name>
    <message>
        <source>Turn on two-step verification for your {account} account: {url}</source>
        <translation>Trowch ddilysu dau gam ymlaen ar gyfer eich cyfrif {account}: {url}</translation>
    </message>
    <message>
        <source>Open {url} and go to “{where}”.</source>
        <translation>Agorwch {url} ac ewch i “{where}”.</translation>
    </message>
    <message>
        <source>Open the app passwords page of your {account} account: {url}</source>
        <translation>Agorwch dudalen cyfrineiriau ap eich cyfrif {account}: {url}</translation>
    </message>
    <message>
        <source>Make a new app password named “Pont”, and copy the password it shows.</source>
        <translation>Crëwch gyfrinair ap newydd o’r enw “Pont”, a chopïwch y cyfrinair y mae’n ei ddangos.</translation>
    </message>
    <message>
        <source>Paste that password here, instead of your usual password.</source>
        <translation>Gludwch y cyfrinair hwnnw yma, yn lle eich cyfrinair arferol.</translation>
    </message>
    <message>
        <source>If {account} says app passwords are not available, your organisation&apos;s administrator has switched them off: ask them to allow one for your account.</source>
        <translation>Os yw {account} yn dweud nad oes cyfrineiriau ap ar gael, mae gweinyddwr eich sefydliad wedi’u diffodd: gofynnwch iddyn nhw ganiatáu un ar gyfer eich cyfrif.</translation>
    </message>
    <message>
        <source>{provider} does not let mail programs like Pont sign in with your usual password. Make an app password for Pont instead; it takes a few minutes, once:</source>
        <translation>Nid yw {provider} yn gadael i raglenni e-bost fel Pont fewngofnodi gyda’ch cyfrinair arferol. Crëwch gyfrinair ap ar gyfer Pont yn lle hynny; mae’n cymryd ychydig funudau, unwaith yn unig:</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>Pont cannot start</source>
        <translation>Ni all Pont gychwyn</translation>
    </message>
    <message>
        <source>Something went wrong inside Pont ({error}) as it opened.</source>
        <translation>Aeth rhywbeth o’i le yn Pont ({error}) wrth iddo agor.</translation>
    </message>
    <message>
        <source>Open the demo</source>
        <translation>Agor y demo</translation>
    </message>
    <message>
        <source>Start my own group</source>
        <translation>Dechrau fy ngrŵp fy hun</translation>
    </message>
    <message>
        <source>This demo is in the folder Pont keeps your own profile in ({folder}), so there is no other profile to open. Start Pont without --demo, or with another --data-dir, to use your own.</source>
        <translation>Mae’r demo hwn yn y ffolder lle mae Pont yn cadw eich proffil eich hun ({folder}), felly does dim proffil arall i’w agor. Dechreuwch Pont heb --demo, neu gyda --data-dir arall, i ddefnyddio’ch un chi.</translation>
    </message>
    <message>
        <source>This is your own profile. The demo is still there: Help ▸ Open the demo.</source>
        <translation>Dyma’ch proffil eich hun. Mae’r demo yno o hyd: Cymorth ▸ Agor y demo.</translation>
    </message>
</context>
<context>
    <name>AttachmentsBox</name>
    <message>
        <source>Attachments</source>
        <translation>Atodiadau</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>T&amp;ynnu</translation>
    </message>
    <message>
        <source>Remove attachment</source>
        <translation>Tynnu’r atodiad</translation>
    </message>
    <message>
        <source>Attachment size warning</source>
        <translation>Rhybudd am faint yr atodiadau</translation>
    </message>
    <message>
        <source>Together these files come to {size}. Email makes files about a third larger, so they would be more than the {limit} one message can carry, and the post could not be sent. Remove some, or share them as a link.</source>
        <translation>Gyda’i gilydd, mae’r ffeiliau hyn yn {size}. Mae e-bost yn gwneud ffeiliau tua thraean yn fwy, felly bydden nhw’n fwy na’r {limit} y gall un neges ei chario, ac ni fyddai modd anfon y neges. Tynnwch rai, neu rhannwch nhw fel dolen.</translation>
    </message>
</context>
<context>
    <name>Autostart</name>
    <message>
        <source>Pont could not change what starts when you log in: {why}</source>
        <translation>Methodd Pont â newid beth sy’n cychwyn pan fyddwch yn mewngofnodi: {why}</translation>
    </message>
    <message>
        <source>the program&apos;s path has a line break</source>
        <translation>mae toriad llinell yn llwybr y rhaglen</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Today {time}</source>
        <translation>Heddiw {time}</translation>
    </message>
    <message>
        <source>Yesterday {time}</source>
        <translation>Ddoe {time}</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Adfer o gopi wrth gefn</translation>
    </message>
    <message>
        <source>Pont copies your data once a day while it is open, and keeps the last {n} days. Restoring a backup puts everything back as it was then: groups, members, drafts and messages. What is here now is kept as a backup too, so you can come back to it.</source>
        <translation>Mae Pont yn copïo eich data unwaith y dydd tra bydd ar agor, ac yn cadw’r {n} diwrnod diwethaf. Mae adfer copi wrth gefn yn rhoi popeth yn ôl fel yr oedd bryd hynny: grwpiau, aelodau, drafftiau a negeseuon. Mae’r hyn sydd yma nawr yn cael ei gadw fel copi wrth gefn hefyd, er mwyn i chi allu dod yn ôl ato.</translation>
    </message>
    <message>
        <source>About backups</source>
        <translation>Ynghylch copïau wrth gefn</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Copïau wrth gefn</translation>
    </message>
    <message>
        <source>The backups, newest first</source>
        <translation>Y copïau wrth gefn, y mwyaf newydd yn gyntaf</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Dyddiad</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Maint</translation>
    </message>
    <message>
        <source>What it is</source>
        <translation>Beth ydyw</translation>
    </message>
    <message>
        <source>There are no backups yet. Pont makes the first a few moments after it opens, then one a day.</source>
        <translation>Nid oes copïau wrth gefn eto. Mae Pont yn gwneud y cyntaf ychydig eiliadau ar ôl iddo agor, ac yna un bob dydd.</translation>
    </message>
    <message>
        <source>No backups</source>
        <translation>Dim copïau wrth gefn</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Adfer…</translation>
    </message>
    <message>
        <source>Put the chosen backup&apos;s data in place of what is here now</source>
        <translation>Rhoi data’r copi wrth gefn a ddewiswyd yn lle’r hyn sydd yma nawr</translation>
    </message>
    <message>
        <source>Your data just before a restore</source>
        <translation>Eich data ychydig cyn adfer</translation>
    </message>
    <message>
        <source>Your data just before an import</source>
        <translation>Eich data ychydig cyn mewnforio</translation>
    </message>
    <message>
        <source>Daily backup</source>
        <translation>Copi wrth gefn dyddiol</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>January</source>
        <translation>Ionawr</translation>
    </message>
    <message>
        <source>February</source>
        <translation>Chwefror</translation>
    </message>
    <message>
        <source>March</source>
        <translation>Mawrth</translation>
    </message>
    <message>
        <source>April</source>
        <translation>Ebrill</translation>
    </message>
    <message>
        <source>May</source>
        <translation>Mai</translation>
    </message>
    <message>
        <source>June</source>
        <translation>Mehefin</translation>
    </message>
    <message>
        <source>July</source>
        <translation>Gorffennaf</translation>
    </message>
    <message>
        <source>August</source>
        <translation>Awst</translation>
    </message>
    <message>
        <source>September</source>
        <translation>Medi</translation>
    </message>
    <message>
        <source>October</source>
        <translation>Hydref</translation>
    </message>
    <message>
        <source>November</source>
        <translation>Tachwedd</translation>
    </message>
    <message>
        <source>December</source>
        <translation>Rhagfyr</translation>
    </message>
    <message>
        <source>{day} {month} {year}</source>
        <translation>{day} {month} {year}</translation>
    </message>
    <message>
        <source>The backup from {day}</source>
        <translation>Y copi wrth gefn o {day}</translation>
    </message>
    <message>
        <source>The copy kept before restoring a backup on {day} at {time}</source>
        <translation>Y copi a gadwyd cyn adfer copi wrth gefn ar {day} am {time}</translation>
    </message>
    <message>
        <source>The copy kept before an import on {day} at {time}</source>
        <translation>Y copi a gadwyd cyn mewnforio ar {day} am {time}</translation>
    </message>
    <message>
        <source>{what} could not be opened. Nothing was changed.</source>
        <translation>{what}: nid oedd modd ei agor. Ni newidiwyd dim.</translation>
    </message>
    <message>
        <source>{what} is not Pont&apos;s data. Nothing was changed.</source>
        <translation>{what}: nid data Pont yw hwn. Ni newidiwyd dim.</translation>
    </message>
    <message>
        <source>{what} was made by a newer version of Pont. Install that version to use it. Nothing was changed.</source>
        <translation>{what}: cafodd ei greu gan fersiwn fwy diweddar o Pont. Gosodwch y fersiwn honno i’w ddefnyddio. Ni newidiwyd dim.</translation>
    </message>
    <message>
        <source>{what} holds something Pont never made (“{name}”), so Pont did not use it: a change made outside Pont could send posts where they should not go. Nothing was changed.</source>
        <translation>{what}: mae’n cynnwys rhywbeth na wnaeth Pont mohono (“{name}”), felly ni wnaeth Pont ei ddefnyddio: gallai newid a wnaed y tu allan i Pont anfon negeseuon i’r mannau anghywir. Ni newidiwyd dim.</translation>
    </message>
    <message>
        <source>{what} has part of Pont&apos;s data changed outside Pont (“{name}”), so Pont did not use it. Nothing was changed.</source>
        <translation>{what}: newidiwyd rhan o ddata Pont y tu allan i Pont (“{name}”), felly ni wnaeth Pont ei ddefnyddio. Ni newidiwyd dim.</translation>
    </message>
    <message>
        <source>{what} lacks part of Pont&apos;s data (“{name}”), so Pont did not use it. Nothing was changed.</source>
        <translation>{what}: mae rhan o ddata Pont ar goll (“{name}”), felly ni wnaeth Pont ei ddefnyddio. Ni newidiwyd dim.</translation>
    </message>
    <message>
        <source>{what} is damaged, so Pont did not use it. Nothing was changed.</source>
        <translation>{what}: mae wedi’i ddifrodi, felly ni wnaeth Pont ei ddefnyddio. Ni newidiwyd dim.</translation>
    </message>
    <message>
        <source>Pont could not write a backup in {folder}: {reason}. Your data is unchanged; check there is space on the disk.</source>
        <translation>Methodd Pont ag ysgrifennu copi wrth gefn yn {folder}: {reason}. Nid yw eich data wedi newid; gwiriwch fod lle ar y ddisg.</translation>
    </message>
</context>
<context>
    <name>ComposerWindow</name>
    <message>
        <source>Subject</source>
        <translation>Pwnc</translation>
    </message>
    <message>
        <source>To</source>
        <translation>At</translation>
    </message>
    <message>
        <source>Include their &amp;message</source>
        <translation>Cynnwys eu &amp;neges</translation>
    </message>
    <message>
        <source>Include {author}’s &amp;message under yours</source>
        <translation>Cynnwys &amp;neges {author} o dan eich un chi</translation>
    </message>
    <message>
        <source>Problem with the post</source>
        <translation>Problem gyda’r neges</translation>
    </message>
    <message>
        <source>Sending progress</source>
        <translation>Cynnydd anfon</translation>
    </message>
    <message>
        <source>&amp;Cancel sending</source>
        <translation>&amp;Canslo anfon</translation>
    </message>
    <message>
        <source>Stop after the batch being sent now</source>
        <translation>Stopio ar ôl y swp sy’n cael ei anfon nawr</translation>
    </message>
    <message>
        <source>&amp;Retry failed</source>
        <translation>&amp;Rhoi cynnig arall ar fethiannau</translation>
    </message>
    <message>
        <source>Re&amp;sume</source>
        <translation>Ail&amp;ddechrau</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>C&amp;au</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>At:</translation>
    </message>
    <message>
        <source>Draft saved</source>
        <translation>Drafft wedi’i gadw</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Anfon</translation>
    </message>
    <message>
        <source>Send the post to the group (Ctrl+Enter)</source>
        <translation>Anfon y neges i’r grŵp (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>&amp;Attach…</source>
        <translation>At&amp;odi…</translation>
    </message>
    <message>
        <source>Attach files (or drop them on this window)</source>
        <translation>Atodi ffeiliau (neu eu gollwng ar y ffenestr hon)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>Tafl&amp;u</translation>
    </message>
    <message>
        <source>Throw this post away</source>
        <translation>Taflu’r neges hon</translation>
    </message>
    <message>
        <source>Post tools</source>
        <translation>Offer neges</translation>
    </message>
    <message>
        <source>More tools</source>
        <translation>Rhagor o offer</translation>
    </message>
    <message>
        <source>Draft saved {time}</source>
        <translation>Drafft wedi’i gadw {time}</translation>
    </message>
    <message>
        <source>Demo: nothing is really sent. The post goes through Pont’s outbox to a rehearsal mail world, in batches, as it would to your group; watch it in the Outbox. A member’s reply then arrives in Conversations.</source>
        <translation>Demo: does dim yn cael ei anfon go iawn. Mae’r neges yn mynd drwy Flwch Allan Pont i fyd e-bost ymarfer, fesul swp, fel y byddai i’ch grŵp; gwyliwch hi yn y Blwch Allan. Yna daw ateb gan aelod i’r Sgyrsiau.</translation>
    </message>
    <message>
        <source>S&amp;ubject:</source>
        <translation>&amp;Pwnc:</translation>
    </message>
    <message>
        <source>1 member</source>
        <translation>1 aelod</translation>
    </message>
    <message>
        <source>{n} members</source>
        <translation>{n} aelod</translation>
    </message>
    <message>
        <source>Reply to {group} (demo) — Pont</source>
        <translation>Ateb {group} (demo) — Pont</translation>
    </message>
    <message>
        <source>Reply to {group} — Pont</source>
        <translation>Ateb {group} — Pont</translation>
    </message>
    <message>
        <source>New post to {group} (demo) — Pont</source>
        <translation>Neges newydd i {group} (demo) — Pont</translation>
    </message>
    <message>
        <source>New post to {group} — Pont</source>
        <translation>Neges newydd i {group} — Pont</translation>
    </message>
    <message>
        <source>What is it about? (Pont adds [{tag}] at the start)</source>
        <translation>Am beth mae’r neges? (Mae Pont yn ychwanegu [{tag}] ar y dechrau)</translation>
    </message>
    <message>
        <source>What is it about?</source>
        <translation>Am beth mae’r neges?</translation>
    </message>
    <message>
        <source>This group&apos;s posts now go from the group address, in batches.</source>
        <translation>Mae negeseuon y grŵp hwn bellach yn mynd o gyfeiriad y grŵp, mewn sypiau.</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Atodi ffeiliau</translation>
    </message>
    <message>
        <source>Only files can be attached, not folders: {names} left out.</source>
        <translation>Dim ond ffeiliau y gellir eu hatodi, nid ffolderi: gadawyd {names} allan.</translation>
    </message>
    <message>
        <source>A post needs a subject, so people can find it.</source>
        <translation>Mae angen pwnc ar neges, er mwyn i bobl allu dod o hyd iddi.</translation>
    </message>
    <message>
        <source>The post is empty: write something first.</source>
        <translation>Mae’r neges yn wag: ysgrifennwch rywbeth yn gyntaf.</translation>
    </message>
    <message>
        <source>Pont cannot send yet: connect your mailbox first (Mail ▸ Set up mail account…). The post is kept as a draft.</source>
        <translation>Ni all Pont anfon eto: cysylltwch eich blwch post yn gyntaf (E-bost ▸ Gosod cyfrif e-bost…). Mae’r neges yn cael ei chadw fel drafft.</translation>
    </message>
    <message>
        <source>Not sent: this group is too large to copy everyone in. “Use the group address” (on the right) sends it in batches instead.</source>
        <translation>Heb ei hanfon: mae’r grŵp hwn yn rhy fawr i gopïo pawb i mewn. Mae “Defnyddio cyfeiriad y grŵp” (ar y dde) yn ei hanfon mewn sypiau yn lle hynny.</translation>
    </message>
    <message>
        <source>Not sent: Pont needs the password for {email}.</source>
        <translation>Heb ei hanfon: mae ar Pont angen y cyfrinair ar gyfer {email}.</translation>
    </message>
    <message>
        <source>Preparing the post…</source>
        <translation>Yn paratoi’r neges…</translation>
    </message>
    <message>
        <source>Sending to {n} members…</source>
        <translation>Yn anfon at {n} aelod…</translation>
    </message>
    <message>
        <source>Cancelling after the batch being sent…</source>
        <translation>Yn canslo ar ôl y swp sy’n cael ei anfon…</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Yn anfon…</translation>
    </message>
    <message>
        <source>Discard this post?</source>
        <translation>Taflu’r neges hon?</translation>
    </message>
    <message>
        <source>Throw away “{subject}”?</source>
        <translation>Taflu “{subject}”?</translation>
    </message>
    <message>
        <source>this post</source>
        <translation>y neges hon</translation>
    </message>
    <message>
        <source>The draft is deleted; this cannot be undone.</source>
        <translation>Caiff y drafft ei ddileu; ni ellir dadwneud hyn.</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Taflu</translation>
    </message>
</context>
<context>
    <name>Connections</name>
    <message>
        <source>its certificate is signed by an unknown authority</source>
        <translation>mae tystysgrif y gweinydd wedi’i llofnodi gan awdurdod anhysbys</translation>
    </message>
    <message>
        <source>its certificate is not valid yet</source>
        <translation>nid yw tystysgrif y gweinydd yn ddilys eto</translation>
    </message>
    <message>
        <source>its certificate has expired</source>
        <translation>mae tystysgrif y gweinydd wedi dod i ben</translation>
    </message>
    <message>
        <source>its certificate is self-signed</source>
        <translation>mae tystysgrif y gweinydd wedi’i hunanlofnodi</translation>
    </message>
    <message>
        <source>its certificate has been revoked</source>
        <translation>mae tystysgrif y gweinydd wedi’i dirymu</translation>
    </message>
    <message>
        <source>the certificate is for another name</source>
        <translation>mae’r dystysgrif ar gyfer enw arall</translation>
    </message>
    <message>
        <source>the certificate is for another address</source>
        <translation>mae’r dystysgrif ar gyfer cyfeiriad arall</translation>
    </message>
    <message>
        <source>its certificate is not the one you chose to trust</source>
        <translation>nid tystysgrif y gweinydd yw’r un y dewisoch chi ymddiried ynddi</translation>
    </message>
    <message>
        <source>“{text}” is not a SHA-256 fingerprint (64 hexadecimal digits). Copy it from the message that showed it.</source>
        <translation>Nid yw “{text}” yn ôl bys SHA-256 (64 digid hecsadegol). Copïwch ef o’r neges a oedd yn ei ddangos.</translation>
    </message>
    <message>
        <source>its certificate could not be checked: {problem}</source>
        <translation>nid oedd modd gwirio tystysgrif y gweinydd: {problem}</translation>
    </message>
    <message>
        <source>refused the connection</source>
        <translation>gwrthododd y gweinydd y cysylltiad</translation>
    </message>
    <message>
        <source>did not answer in time</source>
        <translation>ni atebodd y gweinydd mewn pryd</translation>
    </message>
    <message>
        <source>did not set up an encrypted connection</source>
        <translation>ni sefydlodd y gweinydd gysylltiad wedi’i amgryptio</translation>
    </message>
    <message>
        <source>closed the connection</source>
        <translation>caeodd y gweinydd y cysylltiad</translation>
    </message>
    <message>
        <source>could not be reached</source>
        <translation>nid oedd modd cyrraedd y gweinydd</translation>
    </message>
    <message>
        <source>did not answer as an {kind} server should</source>
        <translation>ni atebodd y gweinydd fel y dylai gweinydd {kind}</translation>
    </message>
    <message>
        <source>Trying {host} on port {port}…</source>
        <translation>Yn rhoi cynnig ar {host} ar borth {port}…</translation>
    </message>
    <message>
        <source>Signing in to {host}…</source>
        <translation>Yn mewngofnodi i {host}…</translation>
    </message>
    <message>
        <source>Looking up {domain}…</source>
        <translation>Yn chwilio am {domain}…</translation>
    </message>
</context>
<context>
    <name>ConsentLetter</name>
    <message>
        <source>Request to approve the Pont app for {email}</source>
        <translation>Cais i gymeradwyo ap Pont ar gyfer {email}</translation>
    </message>
    <message>
        <source>Request to approve Pont in Microsoft 365</source>
        <translation>Cais i gymeradwyo Pont yn Microsoft 365</translation>
    </message>
    <message>
        <source>Dear IT team,</source>
        <translation>Annwyl dîm TG,</translation>
    </message>
    <message>
        <source>My mailbox: {email}</source>
        <translation>Fy mlwch post: {email}</translation>
    </message>
    <message>
        <source>Our organisation’s domain: {domain}</source>
        <translation>Parth ein sefydliad: {domain}</translation>
    </message>
    <message>
        <source>Pont’s application (client) ID: {client_id}</source>
        <translation>ID rhaglen (cleient) Pont: {client_id}</translation>
    </message>
    <message>
        <source>Thank you for your help.</source>
        <translation>Diolch am eich help.</translation>
    </message>
    <message>
        <source>If you have any questions, please reply to me at {email}.</source>
        <translation>Os oes gennych unrhyw gwestiynau, cysylltwch â mi yn {email}.</translation>
    </message>
    <message>
        <source>I would like to use Pont to run an email group from my work mailbox.</source>
        <translation>Hoffwn ddefnyddio Pont i redeg grŵp e-bost o fy mlwch post gwaith.</translation>
    </message>
    <message>
        <source>Microsoft 365 asks an administrator to approve Pont before it can use my mailbox, so I am writing to ask you to approve it for our organisation.</source>
        <translation>Mae Microsoft 365 yn gofyn i weinyddwr gymeradwyo Pont cyn y gall ddefnyddio fy mlwch post, felly rwy’n ysgrifennu i ofyn i chi ei gymeradwyo ar gyfer ein sefydliad.</translation>
    </message>
    <message>
        <source>Before Pont can use my mailbox, our organisation needs to register it in Microsoft 365, so I am writing to ask you to set that up.</source>
        <translation>Cyn y gall Pont ddefnyddio fy mlwch post, mae angen i’n sefydliad ei gofrestru yn Microsoft 365, felly rwy’n ysgrifennu i ofyn i chi drefnu hynny.</translation>
    </message>
    <message>
        <source>What Pont is</source>
        <translation>Beth yw Pont</translation>
    </message>
    <message>
        <source>Pont is a desktop app for Windows, macOS and Linux.</source>
        <translation>Ap bwrdd gwaith ar gyfer Windows, macOS a Linux yw Pont.</translation>
    </message>
    <message>
        <source>It runs an email group with a visible membership from my own computer and my own mailbox: it keeps the list of members, sends the group’s messages from my address, and keeps an archive of the group’s conversations.</source>
        <translation>Mae’n rhedeg grŵp e-bost ag aelodaeth weladwy o fy nghyfrifiadur fy hun a fy mlwch post fy hun: mae’n cadw’r rhestr aelodau, yn anfon negeseuon y grŵp o fy nghyfeiriad i, ac yn cadw archif o sgyrsiau’r grŵp.</translation>
    </message>
    <message>
        <source>Pont has no server of its own.</source>
        <translation>Nid oes gan Pont weinydd ei hun.</translation>
    </message>
    <message>
        <source>My mail, the list of members and the archive stay on my computer, and nothing leaves it except through our organisation’s own Microsoft 365: messages go out from my mailbox as if I had sent them from Outlook.</source>
        <translation>Mae fy e-bost, y rhestr aelodau a’r archif yn aros ar fy nghyfrifiadur, ac nid oes dim yn ei adael ac eithrio drwy Microsoft 365 ein sefydliad ein hunain: mae negeseuon yn mynd allan o fy mlwch post fel pe bawn i wedi eu hanfon o Outlook.</translation>
    </message>
    <message>
        <source>I sign in with Microsoft in my web browser, so Pont never sees my password.</source>
        <translation>Rwy’n mewngofnodi gyda Microsoft yn fy mhorwr gwe, felly nid yw Pont byth yn gweld fy nghyfrinair.</translation>
    </message>
    <message>
        <source>The sign-in is kept in my computer’s own password store, and I can sign Pont out at any time.</source>
        <translation>Caiff y mewngofnodi ei gadw yn storfa cyfrineiriau fy nghyfrifiadur, a gallaf allgofnodi Pont unrhyw bryd.</translation>
    </message>
    <message>
        <source>to read my mailbox over IMAP, so that Pont can keep the group’s conversations in its archive and see replies, requests to join, and messages that could not be delivered.</source>
        <translation>i ddarllen fy mlwch post dros IMAP, fel y gall Pont gadw sgyrsiau’r grŵp yn ei archif a gweld atebion, ceisiadau i ymuno, a negeseuon na ellid eu danfon.</translation>
    </message>
    <message>
        <source>to send the group’s messages from my address over SMTP.</source>
        <translation>i anfon negeseuon y grŵp o fy nghyfeiriad i dros SMTP.</translation>
    </message>
    <message>
        <source>to send the group’s messages through Microsoft Graph instead, where sending over SMTP is switched off for our organisation.</source>
        <translation>i anfon negeseuon y grŵp drwy Microsoft Graph yn lle hynny, os yw anfon dros SMTP wedi’i ddiffodd i’n sefydliad.</translation>
    </message>
    <message>
        <source>to read my mailbox through Microsoft Graph instead, where IMAP is switched off for my mailbox.</source>
        <translation>i ddarllen fy mlwch post drwy Microsoft Graph yn lle hynny, os yw IMAP wedi’i ddiffodd ar gyfer fy mlwch post.</translation>
    </message>
    <message>
        <source>The permissions Pont asks for</source>
        <translation>Y caniatadau y mae Pont yn gofyn amdanynt</translation>
    </message>
    <message>
        <source>All of them are delegated permissions: Pont acts only as me, only on my own mailbox, and can do nothing I could not do myself in Outlook.</source>
        <translation>Caniatadau dirprwyedig yw pob un ohonynt: mae Pont yn gweithredu fel fi yn unig, ar fy mlwch post fy hun yn unig, ac ni all wneud dim na allwn i ei wneud fy hun yn Outlook.</translation>
    </message>
    <message>
        <source>to stay signed in, so that Pont can send and fetch mail without asking me to sign in every time.</source>
        <translation>i aros wedi mewngofnodi, fel y gall Pont anfon a nôl e-bost heb ofyn i mi fewngofnodi bob tro.</translation>
    </message>
    <message>
        <source>to sign me in, and to tell Pont the name and address I signed in with.</source>
        <translation>i’m mewngofnodi, ac i ddweud wrth Pont pa enw a chyfeiriad a ddefnyddiais i fewngofnodi.</translation>
    </message>
    <message>
        <source>How to approve it</source>
        <translation>Sut i’w gymeradwyo</translation>
    </message>
    <message>
        <source>An administrator who may grant consent for the whole organisation (for example a Privileged Role Administrator, Cloud Application Administrator or Application Administrator) can open this address, sign in and approve Pont:</source>
        <translation>Gall gweinyddwr sydd â hawl i roi caniatâd ar ran y sefydliad cyfan (er enghraifft Privileged Role Administrator, Cloud Application Administrator neu Application Administrator) agor y cyfeiriad hwn, mewngofnodi a chymeradwyo Pont:</translation>
    </message>
    <message>
        <source>After approval, Microsoft sends the browser to {redirect_uri}, which shows an empty or error page.</source>
        <translation>Ar ôl y gymeradwyaeth, bydd Microsoft yn anfon y porwr i {redirect_uri}, sy’n dangos tudalen wag neu dudalen gwall.</translation>
    </message>
    <message>
        <source>That is expected: the approval has already been recorded.</source>
        <translation>Mae hynny i’w ddisgwyl: mae’r gymeradwyaeth eisoes wedi’i chofnodi.</translation>
    </message>
    <message>
        <source>You can also grant consent in the Microsoft Entra admin center: under Enterprise applications, open Pont, then Permissions. Pont is listed there once someone in the organisation has tried to sign in to it.</source>
        <translation>Gallwch hefyd roi caniatâd yng nghanolfan weinyddu Microsoft Entra: o dan Enterprise applications, agorwch Pont, yna Permissions. Bydd Pont wedi’i restru yno unwaith y bydd rhywun yn y sefydliad wedi ceisio mewngofnodi iddo.</translation>
    </message>
    <message>
        <source>To allow only some people</source>
        <translation>I ganiatáu rhai pobl yn unig</translation>
    </message>
    <message>
        <source>Approving Pont lets everyone in the organisation sign in to it.</source>
        <translation>Mae cymeradwyo Pont yn caniatáu i bawb yn y sefydliad fewngofnodi iddo.</translation>
    </message>
    <message>
        <source>To allow only named people, open Pont under Enterprise applications, set “Assignment required?” to Yes under Properties, and add those people under Users and groups.</source>
        <translation>I ganiatáu pobl benodol yn unig, agorwch Pont o dan Enterprise applications, gosodwch “Assignment required?” i Yes o dan Properties, ac ychwanegwch y bobl hynny o dan Users and groups.</translation>
    </message>
    <message>
        <source>Grant tenant-wide admin consent to an application</source>
        <translation>Rhoi caniatâd gweinyddwr i raglen ar draws y sefydliad (yn Saesneg)</translation>
    </message>
    <message>
        <source>Admin consent on the Microsoft identity platform (the address above)</source>
        <translation>Caniatâd gweinyddwr ar lwyfan hunaniaeth Microsoft (y cyfeiriad uchod; yn Saesneg)</translation>
    </message>
    <message>
        <source>Configure the admin consent workflow, so that people can ask you from the sign-in page</source>
        <translation>Ffurfweddu’r llif gwaith caniatâd gweinyddwr, fel y gall pobl ofyn i chi o’r dudalen fewngofnodi (yn Saesneg)</translation>
    </message>
    <message>
        <source>Manage users and groups assignment to an application</source>
        <translation>Neilltuo defnyddwyr a grwpiau i raglen (yn Saesneg)</translation>
    </message>
    <message>
        <source>Microsoft’s documentation</source>
        <translation>Dogfennaeth Microsoft</translation>
    </message>
    <message>
        <source>Pont needs a registration in our Microsoft 365 first</source>
        <translation>Mae angen cofrestru Pont yn ein Microsoft 365 yn gyntaf</translation>
    </message>
    <message>
        <source>This copy of Pont has no Microsoft sign-in set up: it was built without an application (client) ID registered with Microsoft.</source>
        <translation>Nid oes mewngofnodi Microsoft wedi’i osod yn y copi hwn o Pont: cafodd ei adeiladu heb ID rhaglen (cleient) wedi’i gofrestru gyda Microsoft.</translation>
    </message>
    <message>
        <source>Our organisation can register its own application for Pont, for use in our own tenant only, and point Pont at it:</source>
        <translation>Gall ein sefydliad gofrestru ei raglen ei hun ar gyfer Pont, i’w defnyddio yn ein tenant ni yn unig, a chyfeirio Pont ati:</translation>
    </message>
    <message>
        <source>In the Microsoft Entra admin center, under App registrations, register a new application named Pont, choosing “Accounts in this organizational directory only”.</source>
        <translation>Yng nghanolfan weinyddu Microsoft Entra, o dan App registrations, cofrestrwch raglen newydd o’r enw Pont, gan ddewis “Accounts in this organizational directory only”.</translation>
    </message>
    <message>
        <source>Under Authentication, add the platform “Mobile and desktop applications” with the redirect URI {redirect_uri}, and set “Allow public client flows” to Yes.</source>
        <translation>O dan Authentication, ychwanegwch y platfform “Mobile and desktop applications” gyda’r URI ailgyfeirio {redirect_uri}, a gosodwch “Allow public client flows” i Yes.</translation>
    </message>
    <message>
        <source>Under API permissions, add these delegated permissions from Microsoft Graph, and grant admin consent for them: IMAP.AccessAsUser.All, SMTP.Send, Mail.Send, Mail.Read, offline_access, openid and profile.</source>
        <translation>O dan API permissions, ychwanegwch y caniatadau dirprwyedig hyn o Microsoft Graph, a rhowch ganiatâd gweinyddwr ar eu cyfer: IMAP.AccessAsUser.All, SMTP.Send, Mail.Send, Mail.Read, offline_access, openid a profile.</translation>
    </message>
    <message>
        <source>Send me the application (client) ID and the directory (tenant) ID from the application’s Overview page.</source>
        <translation>Anfonwch ataf yr ID rhaglen (cleient) a’r ID cyfeiriadur (tenant) o dudalen Overview y rhaglen.</translation>
    </message>
    <message>
        <source>Pont then uses that registration when the environment variable PONT_MICROSOFT_CLIENT_ID holds the client ID and PONT_MICROSOFT_AUTHORITY holds {authority}/ followed by the tenant ID, or when Pont’s profile setting “microsoft” holds the same values.</source>
        <translation>Yna bydd Pont yn defnyddio’r cofrestriad hwnnw pan fydd y newidyn amgylchedd PONT_MICROSOFT_CLIENT_ID yn cynnwys yr ID cleient a PONT_MICROSOFT_AUTHORITY yn cynnwys {authority}/ ac yna’r ID tenant, neu pan fydd gosodiad proffil “microsoft” Pont yn cynnwys yr un gwerthoedd.</translation>
    </message>
    <message>
        <source>The file packaging/README.md in Pont’s source code describes both, with examples for the US Government and China clouds.</source>
        <translation>Mae’r ffeil packaging/README.md yng nghod ffynhonnell Pont yn disgrifio’r ddau ddull, gydag enghreifftiau ar gyfer cymylau Llywodraeth yr Unol Daleithiau a Tsieina.</translation>
    </message>
</context>
<context>
    <name>ConsentLetterDialog</name>
    <message>
        <source>Ask your IT team</source>
        <translation>Gofynnwch i’ch tîm TG</translation>
    </message>
    <message>
        <source>Your organisation needs an administrator to allow Pont. Send them this letter.</source>
        <translation>Mae angen i weinyddwr yn eich sefydliad ganiatáu Pont. Anfonwch y llythyr hwn atyn nhw.</translation>
    </message>
    <message>
        <source>When they tell you Pont is approved, sign in again.</source>
        <translation>Pan fyddan nhw’n dweud wrthych fod Pont wedi’i gymeradwyo, mewngofnodwch eto.</translation>
    </message>
    <message>
        <source>When they have set Pont up, they will tell you what to do next.</source>
        <translation>Pan fyddan nhw wedi gosod Pont, byddan nhw’n dweud wrthych beth i’w wneud nesaf.</translation>
    </message>
    <message>
        <source>Send it to your IT service desk, or whoever looks after Microsoft 365 where you work. It is written for them: you need not follow every word. {after}</source>
        <translation>Anfonwch ef at ddesg gymorth TG eich sefydliad, neu at bwy bynnag sy’n gofalu am Microsoft 365 yn eich gweithle. Mae wedi’i ysgrifennu ar eu cyfer nhw: nid oes rhaid i chi ddeall pob gair. {after}</translation>
    </message>
    <message>
        <source>Both, Welsh first</source>
        <translation>Y ddwy, Cymraeg yn gyntaf</translation>
    </message>
    <message>
        <source>Language of the letter:</source>
        <translation>Iaith y llythyr:</translation>
    </message>
    <message>
        <source>The letter</source>
        <translation>Y llythyr</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copïo</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>Cadw &amp;fel…</translation>
    </message>
    <message>
        <source>&amp;Email it</source>
        <translation>&amp;E-bostio</translation>
    </message>
    <message>
        <source>The letter is copied: paste it into a new email to your IT team.</source>
        <translation>Mae’r llythyr wedi’i gopïo: gludwch ef mewn e-bost newydd at eich tîm TG.</translation>
    </message>
    <message>
        <source>Text (*.txt)</source>
        <translation>Testun (*.txt)</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>Tudalen we (*.html)</translation>
    </message>
    <message>
        <source>Letter to IT about Pont</source>
        <translation>Llythyr at TG am Pont</translation>
    </message>
    <message>
        <source>Save the letter</source>
        <translation>Cadw’r llythyr</translation>
    </message>
    <message>
        <source>Pont could not save the letter: {reason}</source>
        <translation>Ni allai Pont gadw’r llythyr: {reason}</translation>
    </message>
    <message>
        <source>Saved as {path}.</source>
        <translation>Wedi’i gadw fel {path}.</translation>
    </message>
    <message>
        <source>Your email program should open a new message with the letter: add your IT team’s address and send it. If the message holds only part of the letter, delete its text and paste: the whole letter is copied.</source>
        <translation>Dylai eich rhaglen e-bost agor neges newydd gyda’r llythyr: ychwanegwch gyfeiriad eich tîm TG a’i hanfon. Os mai dim ond rhan o’r llythyr sydd yn y neges, dilëwch ei thestun a gludwch: mae’r llythyr cyfan wedi’i gopïo.</translation>
    </message>
    <message>
        <source>Pont could not open your email program. The letter is copied: paste it into a new email to your IT team.</source>
        <translation>Ni allai Pont agor eich rhaglen e-bost. Mae’r llythyr wedi’i gopïo: gludwch ef mewn e-bost newydd at eich tîm TG.</translation>
    </message>
</context>
<context>
    <name>Conversations</name>
    <message>
        <source>Today {time}</source>
        <translation>Heddiw {time}</translation>
    </message>
    <message>
        <source>Yesterday {time}</source>
        <translation>Ddoe {time}</translation>
    </message>
    <message>
        <source>date unknown</source>
        <translation>dyddiad anhysbys</translation>
    </message>
    <message>
        <source>1 byte</source>
        <translation>1 beit</translation>
    </message>
    <message>
        <source>{n} bytes</source>
        <translation>{n} beit</translation>
    </message>
    <message>
        <source>attachment</source>
        <translation>atodiad</translation>
    </message>
</context>
<context>
    <name>ConversationsTab</name>
    <message>
        <source>&amp;Reply to group…</source>
        <translation>&amp;Ateb y grŵp…</translation>
    </message>
    <message>
        <source>Write to the group about the conversation shown</source>
        <translation>Ysgrifennu at y grŵp am y sgwrs a ddangosir</translation>
    </message>
    <message>
        <source>Reply to &amp;sender…</source>
        <translation>Ateb yr anfon&amp;wr…</translation>
    </message>
    <message>
        <source>Write to the sender of the message shown alone; the group does not see it</source>
        <translation>Ysgrifennu at anfonwr y neges a ddangosir yn unig; nid yw’r grŵp yn ei gweld</translation>
    </message>
    <message>
        <source>For&amp;ward…</source>
        <translation>Anfon y&amp;mlaen…</translation>
    </message>
    <message>
        <source>Send the message shown, with its attachments, to someone else</source>
        <translation>Anfon y neges a ddangosir, gyda’i hatodiadau, at rywun arall</translation>
    </message>
    <message>
        <source>Open a conversation in the Conversations tab (Ctrl+2) first</source>
        <translation>Agorwch sgwrs yn y tab Sgyrsiau (Ctrl+2) yn gyntaf</translation>
    </message>
</context>
<context>
    <name>ConversationsView</name>
    <message>
        <source>the disk is full</source>
        <translation>mae’r ddisg yn llawn</translation>
    </message>
    <message>
        <source>Pont is not allowed to write in that folder</source>
        <translation>nid oes gan Pont ganiatâd i ysgrifennu yn y ffolder honno</translation>
    </message>
    <message>
        <source>Search messages…</source>
        <translation>Chwilio negeseuon…</translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation>Chwilio negeseuon</translation>
    </message>
    <message>
        <source>Finds this group&apos;s messages by words in the subject, text or sender</source>
        <translation>Yn dod o hyd i negeseuon y grŵp hwn yn ôl geiriau yn y pwnc, y testun neu’r anfonwr</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Clirio’r chwiliad</translation>
    </message>
    <message>
        <source>&amp;Reply to group…</source>
        <translation>&amp;Ateb y grŵp…</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Sgyrsiau</translation>
    </message>
    <message>
        <source>One row per conversation, newest first; the reader below shows the one chosen</source>
        <translation>Un rhes i bob sgwrs, y mwyaf newydd yn gyntaf; mae’r darllenydd isod yn dangos yr un a ddewiswyd</translation>
    </message>
    <message>
        <source>No messages for this group yet</source>
        <translation>Dim negeseuon i’r grŵp hwn eto</translation>
    </message>
    <message>
        <source>Pont gathers the group&apos;s messages each time it checks your mailbox. They will appear here once members write to the group.</source>
        <translation>Mae Pont yn casglu negeseuon y grŵp bob tro y bydd yn gwirio eich blwch post. Byddan nhw’n ymddangos yma pan fydd aelodau’n ysgrifennu at y grŵp.</translation>
    </message>
    <message>
        <source>No conversations yet</source>
        <translation>Dim sgyrsiau eto</translation>
    </message>
    <message>
        <source>Connect your mailbox (Mail ▸ Set up mail account…) and Pont will gather this group&apos;s messages.</source>
        <translation>Cysylltwch eich blwch post (E-bost ▸ Gosod cyfrif e-bost…) a bydd Pont yn casglu negeseuon y grŵp hwn.</translation>
    </message>
    <message>
        <source>Reply to group…</source>
        <translation>Ateb y grŵp…</translation>
    </message>
    <message>
        <source>Reply to sender…</source>
        <translation>Ateb yr anfonwr…</translation>
    </message>
    <message>
        <source>Forward…</source>
        <translation>Anfon ymlaen…</translation>
    </message>
    <message>
        <source>Choose a conversation from the results to read it here.</source>
        <translation>Dewiswch sgwrs o’r canlyniadau i’w darllen yma.</translation>
    </message>
    <message>
        <source>No messages match “{text}”</source>
        <translation>Dim negeseuon yn cyfateb i “{text}”</translation>
    </message>
    <message>
        <source>Try other words, or fewer of them.</source>
        <translation>Rhowch gynnig ar eiriau eraill, neu lai ohonyn nhw.</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>Cadw’r atodiad</translation>
    </message>
    <message>
        <source>Open “{name}”?</source>
        <translation>Agor “{name}”?</translation>
    </message>
    <message>
        <source>“{name}” is a kind of file that can run as a program on this computer.</source>
        <translation>Mae “{name}” yn fath o ffeil sy’n gallu rhedeg fel rhaglen ar y cyfrifiadur hwn.</translation>
    </message>
    <message>
        <source>Such files are a common way to spread harmful software, even from someone you know. Open it only if you were expecting it.</source>
        <translation>Mae ffeiliau fel hyn yn ffordd gyffredin o ledaenu meddalwedd niweidiol, hyd yn oed gan rywun rydych chi’n ei adnabod. Agorwch hi dim ond os oeddech chi’n ei disgwyl.</translation>
    </message>
    <message>
        <source>Open anyway</source>
        <translation>Agor beth bynnag</translation>
    </message>
    <message>
        <source>this computer has no program set to open files of this kind</source>
        <translation>nid oes gan y cyfrifiadur hwn raglen wedi’i gosod i agor ffeiliau o’r math hwn</translation>
    </message>
    <message>
        <source>Attachment not opened</source>
        <translation>Atodiad heb ei agor</translation>
    </message>
    <message>
        <source>Pont could not open “{name}”: {problem}. You can save it instead.</source>
        <translation>Methodd Pont ag agor “{name}”: {problem}. Gallwch ei gadw yn lle hynny.</translation>
    </message>
    <message>
        <source>message</source>
        <translation>neges</translation>
    </message>
    <message>
        <source>Save message</source>
        <translation>Cadw’r neges</translation>
    </message>
    <message>
        <source>Message not saved</source>
        <translation>Neges heb ei chadw</translation>
    </message>
    <message>
        <source>it is no longer in the archive</source>
        <translation>nid yw yn yr archif mwyach</translation>
    </message>
    <message>
        <source>Write to the group about this conversation (Ctrl+Shift+R)</source>
        <translation>Ysgrifennu at y grŵp am y sgwrs hon (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Reply to se&amp;nder…</source>
        <translation>Ateb yr anfon&amp;wr…</translation>
    </message>
    <message>
        <source>Write to the sender alone; the group does not see it (Ctrl+R)</source>
        <translation>Ysgrifennu at yr anfonwr yn unig; nid yw’r grŵp yn ei gweld (Ctrl+R)</translation>
    </message>
    <message>
        <source>For&amp;ward…</source>
        <translation>Anfon y&amp;mlaen…</translation>
    </message>
    <message>
        <source>Send the message, with its attachments, to someone else (Ctrl+L)</source>
        <translation>Anfon y neges, gyda’i hatodiadau, at rywun arall (Ctrl+L)</translation>
    </message>
    <message>
        <source>Attachment not saved</source>
        <translation>Atodiad heb ei gadw</translation>
    </message>
    <message>
        <source>Pont could not save “{name}”: {problem}.</source>
        <translation>Methodd Pont â chadw “{name}”: {problem}.</translation>
    </message>
</context>
<context>
    <name>CsvPreview</name>
    <message>
        <source>First rows of the file</source>
        <translation>Rhesi cyntaf y ffeil</translation>
    </message>
    <message>
        <source>Rows shown</source>
        <translation>Rhesi a ddangosir</translation>
    </message>
    <message>
        <source>Show the empty columns too</source>
        <translation>Dangos y colofnau gwag hefyd</translation>
    </message>
    <message>
        <source>Showing the first {shown} of {total} rows.</source>
        <translation>Yn dangos y {shown} rhes gyntaf o blith {total}.</translation>
    </message>
    <message>
        <source>Showing the only row.</source>
        <translation>Yn dangos yr unig res.</translation>
    </message>
    <message>
        <source>Showing all {count} rows.</source>
        <translation>Yn dangos pob un o’r {count} rhes.</translation>
    </message>
    <message>
        <source>{count} empty columns are hidden.</source>
        <translation>Mae {count} colofn wag wedi’u cuddio.</translation>
    </message>
    <message>
        <source>One empty column is hidden.</source>
        <translation>Mae un golofn wag wedi’i chuddio.</translation>
    </message>
    <message>
        <source>&amp;Show all {count} columns</source>
        <translation>Dangos &amp;pob un o’r {count} colofn</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>the rehearsal mail world</source>
        <translation>y byd e-bost ymarfer</translation>
    </message>
    <message>
        <source>The rehearsal never took it: it goes again.</source>
        <translation>Ni chymerodd yr ymarfer hi: mae’n mynd eto.</translation>
    </message>
</context>
<context>
    <name>DemoActions</name>
    <message>
        <source>&amp;Start my own group…</source>
        <translation>Dechrau fy ngrŵp fy &amp;hun…</translation>
    </message>
    <message>
        <source>Leave the demo and open your own profile, to make your own group</source>
        <translation>Gadael y demo ac agor eich proffil eich hun, i greu eich grŵp eich hun</translation>
    </message>
    <message>
        <source>Open the &amp;demo</source>
        <translation>Agor y d&amp;emo</translation>
    </message>
    <message>
        <source>A sample group to try Pont on: nothing you do there reaches anyone</source>
        <translation>Grŵp enghreifftiol i roi cynnig ar Pont: does dim a wnewch chi yno yn cyrraedd neb</translation>
    </message>
</context>
<context>
    <name>DemoBanner</name>
    <message>
        <source>About the demo</source>
        <translation>Ynghylch y demo</translation>
    </message>
    <message>
        <source>&lt;b&gt;This is a demo group: nothing you do here reaches anyone.&lt;/b&gt; Try writing a post ({keys}) and watch it go out in batches in the Outbox (Post ▸ Outbox); a member’s reply then arrives in Conversations. The demo stays here when you start your own group: Help ▸ Open the demo.</source>
        <translation>&lt;b&gt;Grŵp demo yw hwn: does dim a wnewch chi yma yn cyrraedd neb.&lt;/b&gt; Rhowch gynnig ar ysgrifennu neges ({keys}) a’i gwylio’n mynd allan fesul swp yn y Blwch Allan (Neges ▸ Blwch Allan); yna daw ateb gan aelod i’r Sgyrsiau. Mae’r demo’n aros yma pan fyddwch chi’n dechrau eich grŵp eich hun: Cymorth ▸ Agor y demo.</translation>
    </message>
    <message>
        <source>&amp;Start my own group</source>
        <translation>Dechrau fy ngrŵp fy &amp;hun</translation>
    </message>
</context>
<context>
    <name>Direct</name>
    <message>
        <source>The message needs a subject.</source>
        <translation>Mae angen pwnc ar y neges.</translation>
    </message>
    <message>
        <source>The message is empty: write something first.</source>
        <translation>Mae’r neges yn wag: ysgrifennwch rywbeth yn gyntaf.</translation>
    </message>
    <message>
        <source>The attachments come to {total}, more than the {limit} a message can carry once email has made them about a third larger.</source>
        <translation>Mae’r atodiadau’n dod i {total}, mwy na’r {limit} y gall neges ei gario unwaith y mae e-bost wedi’u gwneud tua thraean yn fwy.</translation>
    </message>
</context>
<context>
    <name>DirectComposer</name>
    <message>
        <source>Problem with the message</source>
        <translation>Problem gyda’r neges</translation>
    </message>
    <message>
        <source>To</source>
        <translation>At</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Pwnc</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Neges</translation>
    </message>
    <message>
        <source>Only {name} gets this. The group does not see it.</source>
        <translation>Dim ond {name} sy’n cael hon. Nid yw’r grŵp yn ei gweld.</translation>
    </message>
    <message>
        <source>Reply to {name} — Pont</source>
        <translation>Ateb {name} — Pont</translation>
    </message>
    <message>
        <source>name@example.org</source>
        <translation>enw@example.org</translation>
    </message>
    <message>
        <source>The message goes to the address you type; the group does not see it.</source>
        <translation>Mae’r neges yn mynd i’r cyfeiriad rydych chi’n ei deipio; nid yw’r grŵp yn ei gweld.</translation>
    </message>
    <message>
        <source>Its attachments go with it: {files}.</source>
        <translation>Mae ei hatodiadau’n mynd gyda hi: {files}.</translation>
    </message>
    <message>
        <source>Forward “{subject}” — Pont</source>
        <translation>Anfon “{subject}” ymlaen — Pont</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;At:</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Pwnc:</translation>
    </message>
    <message>
        <source>Se&amp;nd</source>
        <translation>A&amp;nfon</translation>
    </message>
    <message>
        <source>Put the message in the outbox to go now (Ctrl+Enter)</source>
        <translation>Rhoi’r neges yn y blwch allan i fynd nawr (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>The message needs a subject.</source>
        <translation>Mae angen pwnc ar y neges.</translation>
    </message>
    <message>
        <source>Pont cannot send yet: connect your mailbox first (Mail ▸ Set up mail account…).</source>
        <translation>Ni all Pont anfon eto: cysylltwch eich blwch post yn gyntaf (E-bost ▸ Gosod cyfrif e-bost…).</translation>
    </message>
    <message>
        <source>Not sent: Pont needs the password for {email}.</source>
        <translation>Heb ei hanfon: mae ar Pont angen y cyfrinair ar gyfer {email}.</translation>
    </message>
    <message>
        <source>Your message to {email} is in the outbox.</source>
        <translation>Mae eich neges at {email} yn y blwch allan.</translation>
    </message>
    <message>
        <source>Discard this message?</source>
        <translation>Taflu’r neges hon?</translation>
    </message>
    <message>
        <source>Throw away what you wrote to {to}?</source>
        <translation>Taflu’r hyn a ysgrifennoch at {to}?</translation>
    </message>
    <message>
        <source>this person</source>
        <translation>y person hwn</translation>
    </message>
    <message>
        <source>It is not kept as a draft.</source>
        <translation>Nid yw’n cael ei chadw fel drafft.</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Taflu</translation>
    </message>
</context>
<context>
    <name>Drafts</name>
    <message>
        <source>Draft {id} is no longer there; it was sent or deleted.</source>
        <translation>Nid yw drafft {id} yno mwyach; cafodd ei anfon neu ei ddileu.</translation>
    </message>
</context>
<context>
    <name>DraftsDialog</name>
    <message>
        <source>Drafts — Pont</source>
        <translation>Drafftiau — Pont</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Drafftiau</translation>
    </message>
    <message>
        <source>Posts written but not sent. Enter opens one, Delete throws it away</source>
        <translation>Negeseuon wedi’u hysgrifennu ond heb eu hanfon. Mae Enter yn agor un, a Delete yn ei thaflu</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Pwnc</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grŵp</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>Newid diwethaf</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Ffeiliau</translation>
    </message>
    <message>
        <source>No drafts</source>
        <translation>Dim drafftiau</translation>
    </message>
    <message>
        <source>A post you close before sending is kept here as a draft, to finish later.</source>
        <translation>Mae neges rydych chi’n ei chau cyn ei hanfon yn cael ei chadw yma fel drafft, i’w gorffen wedyn.</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Agor</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Dileu</translation>
    </message>
    <message>
        <source>{title} (open)</source>
        <translation>{title} (ar agor)</translation>
    </message>
    <message>
        <source>(no subject, {n} files)</source>
        <translation>(dim pwnc, {n} ffeil)</translation>
    </message>
    <message>
        <source>Deleted “{title}”.</source>
        <translation>Wedi dileu “{title}”.</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Dadwneud</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>(empty)</source>
        <translation>(gwag)</translation>
    </message>
    <message>
        <source>“{address}” is not a usable email address: {reason}</source>
        <translation>Nid oes modd defnyddio “{address}” fel cyfeiriad e-bost: {reason}</translation>
    </message>
    <message>
        <source>{address} is already a member of {group}.</source>
        <translation>Mae {address} eisoes yn aelod o {group}.</translation>
    </message>
    <message>
        <source>{address} is no longer a member.</source>
        <translation>Nid yw {address} yn aelod mwyach.</translation>
    </message>
    <message>
        <source>{address} is not a member of {group}.</source>
        <translation>Nid yw {address} yn aelod o {group}.</translation>
    </message>
    <message>
        <source>There is no group called “{name}”. `pont group list` shows the groups there are.</source>
        <translation>Nid oes grŵp o’r enw “{name}”. Mae `pont group list` yn dangos y grwpiau sy’n bodoli.</translation>
    </message>
    <message>
        <source>There is already a group called “{name}”. Choose another name.</source>
        <translation>Mae grŵp o’r enw “{name}” yn bodoli eisoes. Dewiswch enw arall.</translation>
    </message>
    <message>
        <source>Pont is already open with the profile in {folder}. Only one Pont can use a profile at a time: switch to that window, or close it and try again.</source>
        <translation>Mae Pont eisoes ar agor gyda’r proffil yn {folder}. Dim ond un Pont all ddefnyddio proffil ar y tro: ewch i’r ffenestr honno, neu caewch hi a rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>Pont cannot keep its data in {folder} ({reason}). Check that the folder can be written to, or choose another one with --data-dir.</source>
        <translation>Ni all Pont gadw ei ddata yn {folder} ({reason}). Gwiriwch fod modd ysgrifennu yn y ffolder, neu dewiswch un arall gyda --data-dir.</translation>
    </message>
    <message>
        <source>Pont cannot open its data in {path} ({reason}). If the file is read-only, make it writable. If it is damaged, copy the newest backup in {backups} in its place, or choose another folder with --data-dir.</source>
        <translation>Ni all Pont agor ei ddata yn {path} ({reason}). Os yw’r ffeil yn un darllen-yn-unig, gwnewch hi’n ysgrifenadwy. Os yw wedi’i difrodi, copïwch y copi wrth gefn diweddaraf yn {backups} yn ei lle, neu dewiswch ffolder arall gyda --data-dir.</translation>
    </message>
    <message>
        <source>{server} did not accept the password for {email}. Check it and type it again (passwords are case-sensitive).</source>
        <translation>Ni wnaeth {server} dderbyn y cyfrinair ar gyfer {email}. Gwiriwch ef a’i deipio eto (mae cyfrineiriau’n sensitif i briflythrennau).</translation>
    </message>
    <message>
        <source>{provider} did not accept this password. {provider} needs an app password for mail programs like Pont: make one at {url} ({where}) and use it here instead.</source>
        <translation>Ni wnaeth {provider} dderbyn y cyfrinair hwn. Mae angen cyfrinair ap ar {provider} ar gyfer rhaglenni e-bost fel Pont: crëwch un yn {url} ({where}) a’i ddefnyddio yma yn lle hwn.</translation>
    </message>
    <message>
        <source>{provider} did not accept this password. {provider} needs an app password for mail programs like Pont: make one at {url} and use it here instead.</source>
        <translation>Ni wnaeth {provider} dderbyn y cyfrinair hwn. Mae angen cyfrinair ap ar {provider} ar gyfer rhaglenni e-bost fel Pont: crëwch un yn {url} a’i ddefnyddio yma yn lle hwn.</translation>
    </message>
    <message>
        <source>{provider} does not take passwords from mail programs: sign in with Microsoft instead (set the account up again and choose Sign in with Microsoft).</source>
        <translation>Nid yw {provider} yn derbyn cyfrineiriau gan raglenni e-bost: mewngofnodwch gyda Microsoft yn lle hynny (gosodwch y cyfrif eto a dewis Mewngofnodi gyda Microsoft).</translation>
    </message>
    <message>
        <source>There is no mail server called {host}. Check the server name, and that this computer is online.</source>
        <translation>Nid oes gweinydd e-bost o’r enw {host}. Gwiriwch enw’r gweinydd, a bod y cyfrifiadur hwn ar-lein.</translation>
    </message>
    <message>
        <source>{host} (port {port}) {what_happened}. Check the port and security settings, or try again later; a firewall may be blocking it.</source>
        <translation>{host} (porth {port}): {what_happened}. Gwiriwch y porth a’r gosodiadau diogelwch, neu rhowch gynnig arall arni yn nes ymlaen; efallai fod wal dân yn ei rwystro.</translation>
    </message>
    <message>
        <source>Pont could not confirm it is really talking to {host} ({reason}), so it did not send your password. If your provider says this certificate is right, you can choose to trust it.</source>
        <translation>Methodd Pont â chadarnhau mai â {host} y mae’n cysylltu mewn gwirionedd ({reason}), felly ni anfonodd eich cyfrinair. Os yw eich darparwr yn dweud bod y dystysgrif hon yn gywir, gallwch ddewis ymddiried ynddi.</translation>
    </message>
    <message>
        <source>Pont will not send your password to {host} without encryption. Choose SSL/TLS or STARTTLS.</source>
        <translation>Ni fydd Pont yn anfon eich cyfrinair at {host} heb amgryptio. Dewiswch SSL/TLS neu STARTTLS.</translation>
    </message>
    <message>
        <source>{host} (port {port}) does not offer encryption (STARTTLS), and Pont will not send your password without it. Try SSL/TLS instead (port 993 for IMAP, 465 for SMTP).</source>
        <translation>Nid yw {host} (porth {port}) yn cynnig amgryptio (STARTTLS), ac ni fydd Pont yn anfon eich cyfrinair hebddo. Rhowch gynnig ar SSL/TLS yn lle hynny (porth 993 ar gyfer IMAP, 465 ar gyfer SMTP).</translation>
    </message>
    <message>
        <source>{host} (port {port}) does not offer a password sign-in on this connection. Check the port and security settings (SSL/TLS or STARTTLS).</source>
        <translation>Nid yw {host} (porth {port}) yn cynnig mewngofnodi â chyfrinair ar y cysylltiad hwn. Gwiriwch y porth a’r gosodiadau diogelwch (SSL/TLS neu STARTTLS).</translation>
    </message>
    <message>
        <source>The connection to {host} dropped. Everything received so far is kept; the next sync carries on from there.</source>
        <translation>Torrodd y cysylltiad â {host}. Mae popeth a gafwyd hyd yma wedi’i gadw; bydd y cysoni nesaf yn parhau o’r fan honno.</translation>
    </message>
    <message>
        <source>{host} refused to {what} (its answer: {answer}). Everything received so far is kept. Try again later; if it keeps happening, show this message to your email provider.</source>
        <translation>Nid oedd {host} yn fodlon {what} (ei ateb: {answer}). Mae popeth a gafwyd hyd yma wedi’i gadw. Rhowch gynnig arall arni yn nes ymlaen; os yw’n dal i ddigwydd, dangoswch y neges hon i’ch darparwr e-bost.</translation>
    </message>
    <message>
        <source>Pont could not find the mail server settings for {email}. Check that this computer is online, or enter them by hand: your provider&apos;s help pages list them.</source>
        <translation>Methodd Pont â dod o hyd i osodiadau’r gweinydd e-bost ar gyfer {email}. Gwiriwch fod y cyfrifiadur hwn ar-lein, neu rhowch y gosodiadau â llaw: mae tudalennau cymorth eich darparwr yn eu rhestru.</translation>
    </message>
    <message>
        <source>There is no mail account {email} in Pont. `pont account list` shows the accounts.</source>
        <translation>Nid oes cyfrif e-bost {email} yn Pont. Mae `pont account list` yn dangos y cyfrifon.</translation>
    </message>
    <message>
        <source>Pont has no mail account yet. Add your mailbox first: Mail ▸ Set up mail account… in the window, or `pont account add --email EMAIL --password-stdin`.</source>
        <translation>Nid oes gan Pont gyfrif e-bost eto. Ychwanegwch eich blwch post yn gyntaf: E-bost ▸ Gosod cyfrif e-bost… yn y ffenestr, neu `pont account add --email EMAIL --password-stdin`.</translation>
    </message>
    <message>
        <source>This computer has no password store (keyring) Pont can use, so Pont cannot remember your password: it will ask for it each time you start.</source>
        <translation>Nid oes storfa cyfrineiriau (keyring) ar y cyfrifiadur hwn y gall Pont ei defnyddio, felly ni all Pont gofio eich cyfrinair: bydd yn gofyn amdano bob tro y byddwch yn ei gychwyn.</translation>
    </message>
    <message>
        <source>This computer has no password store (keyring) Pont can use, and Pont keeps Microsoft’s sign-in nowhere else. Set one up (on Linux, GNOME Keyring or KWallet, unlocked), then sign in with Microsoft again.</source>
        <translation>Nid oes gan y cyfrifiadur hwn storfa gyfrineiriau (keyring) y gall Pont ei defnyddio, ac nid yw Pont yn cadw mewngofnodiad Microsoft yn unman arall. Gosodwch un (ar Linux, GNOME Keyring neu KWallet, wedi’i datgloi), yna mewngofnodwch gyda Microsoft eto.</translation>
    </message>
    <message>
        <source>Pont needs the password for {email}: it has none stored.</source>
        <translation>Mae ar Pont angen y cyfrinair ar gyfer {email}: nid oes un wedi’i gadw.</translation>
    </message>
    <message>
        <source>“{filename}” is no longer in Pont&apos;s archive, so it cannot be saved. Sync again, or open the message in your usual mail program.</source>
        <translation>Nid yw “{filename}” yn archif Pont mwyach, felly nid oes modd ei gadw. Cysonwch eto, neu agorwch y neges yn eich rhaglen e-bost arferol.</translation>
    </message>
    <message>
        <source>This attachment is no longer in Pont&apos;s archive, so it cannot be saved. Sync again, or open the message in your usual mail program.</source>
        <translation>Nid yw’r atodiad hwn yn archif Pont mwyach, felly nid oes modd ei gadw. Cysonwch eto, neu agorwch y neges yn eich rhaglen e-bost arferol.</translation>
    </message>
    <message>
        <source>This group has {members} members, but {provider} lets one message go to at most {limit} people, so the post cannot copy everyone in. Switch the group to “group address”: members then get it in batches, and replies come to the group address for Pont to pass on.</source>
        <translation>Mae gan y grŵp hwn {members} aelod, ond dim ond at {limit} o bobl ar y mwyaf y mae {provider} yn gadael i un neges fynd, felly ni all y neges gopïo pawb i mewn. Newidiwch y grŵp i’r dull “cyfeiriad y grŵp”: yna bydd yr aelodau’n ei chael mewn sypiau, a bydd atebion yn dod i gyfeiriad y grŵp i Pont eu trosglwyddo.</translation>
    </message>
    <message>
        <source>This post is {size} with its attachments, and {host} takes messages of at most {limit}. Make the attachments smaller, or share them as a link, and send it again.</source>
        <translation>Mae’r neges hon yn {size} gyda’i hatodiadau, a dim ond negeseuon hyd at {limit} y mae {host} yn eu derbyn. Gwnewch yr atodiadau’n llai, neu rhannwch nhw fel dolen, ac anfonwch hi eto.</translation>
    </message>
    <message>
        <source>Another Pont window or command is sending from this outbox right now. Let it finish, or close it, and try again.</source>
        <translation>Mae ffenestr neu orchymyn Pont arall yn anfon o’r Blwch Allan hwn ar hyn o bryd. Arhoswch iddo orffen, neu caewch ef, a rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>There is no post number {number} in the outbox.</source>
        <translation>Nid oes neges rhif {number} yn y Blwch Allan.</translation>
    </message>
    <message>
        <source>This profile already holds {what}. Nothing was imported: import into a new, empty profile, or choose to replace what is here (Pont keeps it as a backup first).</source>
        <translation>Mae {what} yn y proffil hwn eisoes. Ni fewnforiwyd dim: mewnforiwch i broffil newydd, gwag, neu dewiswch ddisodli’r hyn sydd yma (bydd Pont yn ei gadw fel copi wrth gefn yn gyntaf).</translation>
    </message>
    <message>
        <source>Pont could not write the “{header}” line of this post safely, so nothing was sent. Remove unusual characters from the subject, the names or the file names, and send it again.</source>
        <translation>Methodd Pont ag ysgrifennu llinell “{header}” y neges hon yn ddiogel, felly ni anfonwyd dim. Tynnwch nodau anarferol o’r pwnc, yr enwau neu enwau’r ffeiliau, ac anfonwch hi eto.</translation>
    </message>
    <message>
        <source>Pont could not write this post&apos;s header lines safely, so nothing was sent. Remove unusual characters from the subject, the names or the file names, and send it again.</source>
        <translation>Methodd Pont ag ysgrifennu llinellau pennawd y neges hon yn ddiogel, felly ni anfonwyd dim. Tynnwch nodau anarferol o’r pwnc, yr enwau neu enwau’r ffeiliau, ac anfonwch hi eto.</translation>
    </message>
    <message>
        <source>Pont&apos;s data is busy: another Pont command or window is writing to it. Try again when it has finished.</source>
        <translation>Mae data Pont yn brysur: mae gorchymyn neu ffenestr Pont arall yn ysgrifennu iddo. Rhowch gynnig arall arni pan fydd wedi gorffen.</translation>
    </message>
    <message>
        <source>The disk holding Pont&apos;s data is full: free some space, then try again. Nothing was lost.</source>
        <translation>Mae’r ddisg sy’n dal data Pont yn llawn: rhyddhewch ychydig o le, yna rhowch gynnig arall arni. Ni chollwyd dim.</translation>
    </message>
    <message>
        <source>Pont&apos;s data in {folder} is read-only, and was saved by an older version of Pont that must update it first. Make the folder and its files writable, then try again.</source>
        <translation>Mae data Pont yn {folder} yn ddarllen-yn-unig, ac fe’i cadwyd gan fersiwn hŷn o Pont y mae’n rhaid iddo ei ddiweddaru yn gyntaf. Gwnewch y ffolder a’i ffeiliau’n ysgrifenadwy, yna rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>Pont&apos;s data in {folder} is read-only, so Pont can show it but not change it. Make the folder and its files writable, then try again.</source>
        <translation>Mae data Pont yn {folder} yn ddarllen-yn-unig, felly gall Pont ei ddangos ond nid ei newid. Gwnewch y ffolder a’i ffeiliau’n ysgrifenadwy, yna rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>Pont&apos;s data is read-only, so Pont can show it but not change it. Make the profile&apos;s folder and its files writable, then try again.</source>
        <translation>Mae data Pont yn ddarllen-yn-unig, felly gall Pont ei ddangos ond nid ei newid. Gwnewch ffolder y proffil a’i ffeiliau’n ysgrifenadwy, yna rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>Pont could not read or write its data on the disk ({reason}). Check that the drive is still connected, then try again.</source>
        <translation>Methodd Pont â darllen nac ysgrifennu ei ddata ar y ddisg ({reason}). Gwiriwch fod y gyriant wedi’i gysylltu o hyd, yna rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>This message is no longer in Pont&apos;s archive, so it cannot be saved. Sync again, or open the message in your usual mail program.</source>
        <translation>Nid yw’r neges hon yn archif Pont mwyach, felly nid oes modd ei chadw. Cysonwch eto, neu agorwch y neges yn eich rhaglen e-bost arferol.</translation>
    </message>
    <message>
        <source>Pont could not look in your mailbox on {host} to see whether a batch had gone ({reason}). It has not sent that batch again: it will look again the next time it sends.</source>
        <translation>Ni allai Pont edrych yn eich blwch post ar {host} i weld a oedd swp wedi mynd ({reason}). Nid yw wedi anfon y swp hwnnw eto: bydd yn edrych eto y tro nesaf y bydd yn anfon.</translation>
    </message>
    <message>
        <source>Pont cannot reach the internet from this computer. Check that it is connected, then try again.</source>
        <translation>Ni all Pont gyrraedd y rhyngrwyd o’r cyfrifiadur hwn. Gwiriwch ei fod wedi’i gysylltu, yna rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>{domain} does not take email, so this address cannot be used. Check the part after the @ for a typing mistake.</source>
        <translation>Nid yw {domain} yn derbyn e-bost, felly ni ellir defnyddio’r cyfeiriad hwn. Gwiriwch y rhan ar ôl yr @ am gamgymeriad teipio.</translation>
    </message>
    <message>
        <source>There is no domain called {domain}, so no email can reach this address. Check the part after the @ for a typing mistake.</source>
        <translation>Nid oes parth o’r enw {domain}, felly ni all e-bost gyrraedd y cyfeiriad hwn. Gwiriwch y rhan ar ôl yr @ am gamgymeriad teipio.</translation>
    </message>
    <message>
        <source>{server} did not accept Pont&apos;s sign-in for {email}. Sign in to your account again. If it is refused again, ask whoever looks after your email whether this mailbox may be used by mail programs ({kind}).</source>
        <translation>Ni wnaeth {server} dderbyn mewngofnodiad Pont ar gyfer {email}. Mewngofnodwch i’ch cyfrif eto. Os caiff ei wrthod eto, gofynnwch i bwy bynnag sy’n gofalu am eich e-bost a gaiff rhaglenni e-bost ddefnyddio’r blwch post hwn ({kind}).</translation>
    </message>
    <message>
        <source>Your organisation has turned off sending through SMTP for {email}, so {server} will not take posts that way. Pont will send through Microsoft Graph instead where your organisation allows it.</source>
        <translation>Mae eich sefydliad wedi diffodd anfon drwy SMTP ar gyfer {email}, felly ni fydd {server} yn derbyn negeseuon y ffordd honno. Bydd Pont yn anfon drwy Microsoft Graph yn lle hynny lle mae eich sefydliad yn caniatáu hynny.</translation>
    </message>
    <message>
        <source>{host} (port {port}) does not offer the sign-in your account needs (XOAUTH2). Check the server names and ports in the account&apos;s settings.</source>
        <translation>Nid yw {host} (porth {port}) yn cynnig y math o fewngofnodi sydd ei angen ar eich cyfrif (XOAUTH2). Gwiriwch enwau’r gweinyddion a’r pyrth yng ngosodiadau’r cyfrif.</translation>
    </message>
    <message>
        <source>“{address}” is not an address Pont can reach Microsoft Graph at: it must start with https://. Check the Microsoft settings your IT team gave you.</source>
        <translation>Nid yw “{address}” yn gyfeiriad y gall Pont gyrraedd Microsoft Graph drwyddo: rhaid iddo ddechrau gyda https://. Gwiriwch y gosodiadau Microsoft a roddodd eich tîm TG i chi.</translation>
    </message>
    <message>
        <source>Pont could not reach Microsoft 365 at {host} ({reason}). Check that this computer is online, then try again.</source>
        <translation>Ni allai Pont gyrraedd Microsoft 365 yn {host} ({reason}). Gwiriwch fod y cyfrifiadur hwn ar-lein, yna rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>The connection to Microsoft 365 at {host} dropped before it answered ({reason}). Pont will check what became of the request before trying again.</source>
        <translation>Torrodd y cysylltiad â Microsoft 365 yn {host} cyn iddo ateb ({reason}). Bydd Pont yn gwirio beth ddaeth o’r cais cyn rhoi cynnig arall arni.</translation>
    </message>
    <message>
        <source>Microsoft 365 did not accept Pont&apos;s sign-in for {email}. Sign in with Microsoft again; nothing waiting to go has been lost.</source>
        <translation>Ni dderbyniodd Microsoft 365 fewngofnodi Pont ar gyfer {email}. Mewngofnodwch gyda Microsoft eto; nid oes dim sy’n aros i fynd wedi’i golli.</translation>
    </message>
    <message>
        <source>Microsoft 365 does not let Pont send mail from {email}. Sign in with Microsoft again and allow Pont to send mail, or ask your IT team to allow it.</source>
        <translation>Nid yw Microsoft 365 yn gadael i Pont anfon post o {email}. Mewngofnodwch gyda Microsoft eto a rhowch ganiatâd i Pont anfon post, neu gofynnwch i’ch tîm TG ei ganiatáu.</translation>
    </message>
    <message>
        <source>Microsoft 365 does not let Pont read the mail of {email}. Sign in with Microsoft again and allow Pont to read mail, or ask your IT team to allow it.</source>
        <translation>Nid yw Microsoft 365 yn gadael i Pont ddarllen post {email}. Mewngofnodwch gyda Microsoft eto a rhowch ganiatâd i Pont ddarllen post, neu gofynnwch i’ch tîm TG ei ganiatáu.</translation>
    </message>
    <message>
        <source>Microsoft 365 asked Pont to wait {seconds} seconds before trying again. Nothing was lost: Pont tries again after that.</source>
        <translation>Gofynnodd Microsoft 365 i Pont aros {seconds} eiliad cyn rhoi cynnig arall arni. Ni chollwyd dim: bydd Pont yn rhoi cynnig arall arni wedyn.</translation>
    </message>
    <message>
        <source>Microsoft 365 refused the request (its answer: {answer}). Try again later; if it keeps happening, show this message to your IT team.</source>
        <translation>Gwrthododd Microsoft 365 y cais (ei ateb: {answer}). Rhowch gynnig arall arni yn nes ymlaen; os yw’n dal i ddigwydd, dangoswch y neges hon i’ch tîm TG.</translation>
    </message>
    <message>
        <source>That message is no longer in the mailbox on Microsoft 365: it was moved or deleted meanwhile.</source>
        <translation>Nid yw’r neges honno yn y blwch post ar Microsoft 365 mwyach: cafodd ei symud neu ei dileu yn y cyfamser.</translation>
    </message>
    <message>
        <source>Microsoft 365 no longer knows where Pont&apos;s last sync of this folder ended, so Pont reads the folder again from the start. Nothing is lost.</source>
        <translation>Nid yw Microsoft 365 yn gwybod mwyach ble daeth cysoni diwethaf Pont o’r ffolder hon i ben, felly mae Pont yn darllen y ffolder eto o’r dechrau. Ni chollir dim.</translation>
    </message>
    <message>
        <source>{host} sent an answer Pont could not read as Microsoft 365&apos;s ({what}). Try again later; if it keeps happening, check the Microsoft settings with your IT team.</source>
        <translation>Anfonodd {host} ateb na allai Pont ei ddarllen fel ateb Microsoft 365 ({what}). Rhowch gynnig arall arni yn nes ymlaen; os yw’n dal i ddigwydd, gwiriwch y gosodiadau Microsoft gyda’ch tîm TG.</translation>
    </message>
    <message>
        <source>This copy of Pont has no Microsoft sign-in set up. Your IT team can set one up: register Pont in Microsoft Entra as a public client, then give its application (client) ID to Pont in the PONT_MICROSOFT_CLIENT_ID environment variable or in the profile&apos;s “microsoft” setting (and a single-tenant registration&apos;s sign-in address in PONT_MICROSOFT_AUTHORITY).</source>
        <translation>Nid oes mewngofnodi Microsoft wedi’i osod yn y copi hwn o Pont. Gall eich tîm TG osod un: cofrestru Pont yn Microsoft Entra fel cleient cyhoeddus, yna rhoi ID ei raglen (cleient) i Pont yn y newidyn amgylchedd PONT_MICROSOFT_CLIENT_ID neu yn y gosodiad “microsoft” yn y proffil (a chyfeiriad mewngofnodi cofrestriad un tenant yn PONT_MICROSOFT_AUTHORITY).</translation>
    </message>
    <message>
        <source>Pont cannot use “{value}” as the Microsoft sign-in setting {setting}: it must be an address like {example}. Check the setting or environment variable that gives it.</source>
        <translation>Ni all Pont ddefnyddio “{value}” fel y gosodiad mewngofnodi Microsoft {setting}: rhaid iddo fod yn gyfeiriad fel {example}. Gwiriwch y gosodiad neu’r newidyn amgylchedd sy’n ei roi.</translation>
    </message>
    <message>
        <source>Pont needs you to sign in with Microsoft again for {email}: the sign-in it had has expired or was withdrawn. Nothing is lost: the outbox waits until you do.</source>
        <translation>Mae angen i chi fewngofnodi gyda Microsoft eto ar gyfer {email}: mae’r mewngofnodi oedd gan Pont wedi dod i ben neu wedi’i dynnu’n ôl. Ni chollwyd dim: mae’r Blwch Allan yn aros nes i chi wneud hynny.</translation>
    </message>
    <message>
        <source>Pont needs your permission to {what} with {email}. Sign in with Microsoft again to allow it.</source>
        <translation>Mae angen eich caniatâd ar Pont ar gyfer hyn gyda {email}: {what}. Mewngofnodwch gyda Microsoft eto i’w ganiatáu.</translation>
    </message>
    <message>
        <source>Microsoft says an administrator must approve Pont before it may use {permissions} for {email}. Ask your IT team to approve Pont; everything that does not need this keeps working meanwhile.</source>
        <translation>Mae Microsoft yn dweud bod rhaid i weinyddwr gymeradwyo Pont cyn y caiff ddefnyddio {permissions} ar gyfer {email}. Gofynnwch i’ch tîm TG gymeradwyo Pont; mae popeth nad oes angen hyn arno yn dal i weithio yn y cyfamser.</translation>
    </message>
    <message>
        <source>Pont was not given permission to use {email}, so it cannot reach this mailbox. To carry on, sign in with Microsoft again and accept what it asks.</source>
        <translation>Ni chafodd Pont ganiatâd i ddefnyddio {email}, felly ni all gyrraedd y blwch post hwn. I barhau, mewngofnodwch gyda Microsoft eto a derbyniwch yr hyn y mae’n ei ofyn.</translation>
    </message>
    <message>
        <source>The Microsoft sign-in did not finish within a minute. If you closed the sign-in page, start signing in again.</source>
        <translation>Ni orffennodd y mewngofnodi Microsoft o fewn munud. Os gwnaethoch gau’r dudalen fewngofnodi, dechreuwch fewngofnodi eto.</translation>
    </message>
    <message>
        <source>The Microsoft sign-in did not finish within {minutes} minutes. If you closed the sign-in page, start signing in again.</source>
        <translation>Ni orffennodd y mewngofnodi Microsoft o fewn {minutes} munud. Os gwnaethoch gau’r dudalen fewngofnodi, dechreuwch fewngofnodi eto.</translation>
    </message>
    <message>
        <source>Signing in with Microsoft was stopped before it finished. Nothing was changed.</source>
        <translation>Cafodd y mewngofnodi gyda Microsoft ei atal cyn iddo orffen. Ni newidiwyd dim.</translation>
    </message>
    <message>
        <source>Pont could not reach the sign-in service at {host} ({reason}). Check that this computer is online, then try again.</source>
        <translation>Methodd Pont â chyrraedd y gwasanaeth mewngofnodi yn {host} ({reason}). Gwiriwch fod y cyfrifiadur hwn ar-lein, yna rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>{address} does not answer as a Microsoft or OpenID Connect sign-in service should. Check the sign-in address Pont was given (PONT_MICROSOFT_AUTHORITY or the profile&apos;s “microsoft” setting).</source>
        <translation>Nid yw {address} yn ateb fel y dylai gwasanaeth mewngofnodi Microsoft neu OpenID Connect. Gwiriwch y cyfeiriad mewngofnodi a roddwyd i Pont (PONT_MICROSOFT_AUTHORITY neu’r gosodiad “microsoft” yn y proffil).</translation>
    </message>
    <message>
        <source>The sign-in service at {host} refused (its answer: {answer}). Try again later; if it keeps happening, show this message to your IT team.</source>
        <translation>Gwrthododd y gwasanaeth mewngofnodi yn {host} (ei ateb: {answer}). Rhowch gynnig arall arni yn nes ymlaen; os yw’n dal i ddigwydd, dangoswch y neges hon i’ch tîm TG.</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>&amp;Choose file…</source>
        <translation>&amp;Dewis ffeil…</translation>
    </message>
    <message>
        <source>Choose a file to import</source>
        <translation>Dewiswch ffeil i’w mewnforio</translation>
    </message>
    <message>
        <source>No file chosen yet.</source>
        <translation>Dim ffeil wedi’i dewis eto.</translation>
    </message>
    <message>
        <source>Chosen file</source>
        <translation>Y ffeil a ddewiswyd</translation>
    </message>
    <message>
        <source>How the file was read</source>
        <translation>Sut y darllenwyd y ffeil</translation>
    </message>
    <message>
        <source>Drag a contacts file here, or press Choose file.

Pont reads spreadsheets saved as CSV from Excel, Outlook, Gmail or Thunderbird,
and vCard files from an address book or a phone.</source>
        <translation>Llusgwch ffeil gysylltiadau yma, neu pwyswch Dewis ffeil.

Mae Pont yn darllen taenlenni a gadwyd fel CSV o Excel, Outlook, Gmail neu Thunderbird,
a ffeiliau vCard o lyfr cyfeiriadau neu ffôn.</translation>
    </message>
    <message>
        <source>People in the file</source>
        <translation>Pobl yn y ffeil</translation>
    </message>
</context>
<context>
    <name>Graph</name>
    <message>
        <source>not JSON</source>
        <translation>nid JSON mohono</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>nid gwrthrych JSON mohono</translation>
    </message>
    <message>
        <source>a delta page without items</source>
        <translation>tudalen delta heb eitemau</translation>
    </message>
    <message>
        <source>a delta page without its link</source>
        <translation>tudalen delta heb ei dolen</translation>
    </message>
    <message>
        <source>a link to somewhere else</source>
        <translation>dolen i rywle arall</translation>
    </message>
    <message>
        <source>a list without items</source>
        <translation>rhestr heb eitemau</translation>
    </message>
    <message>
        <source>no mailbox address</source>
        <translation>dim cyfeiriad blwch post</translation>
    </message>
    <message>
        <source>the message is too large</source>
        <translation>mae’r neges yn rhy fawr</translation>
    </message>
    <message>
        <source>delta pages that go round in circles</source>
        <translation>tudalennau delta sy’n mynd rownd mewn cylchoedd</translation>
    </message>
    <message>
        <source>a folder without id</source>
        <translation>ffolder heb ddynodydd</translation>
    </message>
    <message>
        <source>an answer too large to read</source>
        <translation>ateb rhy fawr i’w ddarllen</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>dim ateb mewn pryd</translation>
    </message>
    <message>
        <source>its certificate could not be verified</source>
        <translation>nid oedd modd gwirio ei dystysgrif</translation>
    </message>
    <message>
        <source>the secure connection failed</source>
        <translation>methodd y cysylltiad diogel</translation>
    </message>
    <message>
        <source>no connection</source>
        <translation>dim cysylltiad</translation>
    </message>
    <message>
        <source>the connection dropped</source>
        <translation>torrodd y cysylltiad</translation>
    </message>
</context>
<context>
    <name>GroupActions</name>
    <message>
        <source>&amp;New group…</source>
        <translation>Grŵp &amp;newydd…</translation>
    </message>
    <message>
        <source>&amp;Rename or edit group…</source>
        <translation>&amp;Ailenwi neu olygu’r grŵp…</translation>
    </message>
    <message>
        <source>&amp;Delete group…</source>
        <translation>&amp;Dileu’r grŵp…</translation>
    </message>
    <message>
        <source>Created {group}. Add its members, or import a list.</source>
        <translation>Crëwyd {group}. Ychwanegwch ei aelodau, neu mewnforiwch restr.</translation>
    </message>
    <message>
        <source>Saved {group}.</source>
        <translation>Cadwyd {group}.</translation>
    </message>
    <message>
        <source>Delete the group “{group}” and its 1 member?</source>
        <translation>Dileu’r grŵp “{group}” a’i 1 aelod?</translation>
    </message>
    <message>
        <source>Delete the group “{group}” and its {count} members?</source>
        <translation>Dileu’r grŵp “{group}” a’i {count} aelod?</translation>
    </message>
    <message>
        <source>Delete the group “{group}”?</source>
        <translation>Dileu’r grŵp “{group}”?</translation>
    </message>
    <message>
        <source>The members’ details and their history in Pont are deleted. This cannot be undone.</source>
        <translation>Bydd manylion yr aelodau a’u hanes yn Pont yn cael eu dileu. Ni ellir dadwneud hyn.</translation>
    </message>
    <message>
        <source>To keep a copy of the list, cancel and use File ▸ Export members… first.</source>
        <translation>I gadw copi o’r rhestr, canslwch a defnyddiwch Ffeil ▸ Allforio aelodau… yn gyntaf.</translation>
    </message>
    <message>
        <source>Delete group</source>
        <translation>Dileu’r grŵp</translation>
    </message>
    <message>
        <source>Deleted {group}.</source>
        <translation>Dilëwyd {group}.</translation>
    </message>
</context>
<context>
    <name>GroupDialog</name>
    <message>
        <source>Edit group</source>
        <translation>Golygu’r grŵp</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>Grŵp newydd</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>Enw’r grŵp</translation>
    </message>
    <message>
        <source>e.g. Wellbeing Network</source>
        <translation>e.e. Rhwydwaith Llesiant</translation>
    </message>
    <message>
        <source>Tag for subject lines</source>
        <translation>Tag ar gyfer llinellau pwnc</translation>
    </message>
    <message>
        <source>Subject line preview</source>
        <translation>Rhagolwg o’r llinell bwnc</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Disgrifiad</translation>
    </message>
    <message>
        <source>One or two sentences saying what the group is for</source>
        <translation>Brawddeg neu ddwy yn dweud beth yw diben y grŵp</translation>
    </message>
    <message>
        <source>&amp;Copy everyone in</source>
        <translation>&amp;Copïo pawb i mewn</translation>
    </message>
    <message>
        <source>Members see each other’s addresses and reply to all. Best for small groups.</source>
        <translation>Mae’r aelodau’n gweld cyfeiriadau ei gilydd ac yn ateb pawb. Gorau ar gyfer grwpiau bach.</translation>
    </message>
    <message>
        <source>Send from a &amp;group address</source>
        <translation>Anfon o gyfeiriad y &amp;grŵp</translation>
    </message>
    <message>
        <source>How posts go out</source>
        <translation>Sut mae negeseuon yn mynd allan</translation>
    </message>
    <message>
        <source>Footer line</source>
        <translation>Llinell y troedyn</translation>
    </message>
    <message>
        <source>One line under every post, after the group’s name, saying what the group is. Left empty, the description is used.</source>
        <translation>Un llinell o dan bob neges, ar ôl enw’r grŵp, yn dweud beth yw’r grŵp. Os yw’n wag, defnyddir y disgrifiad.</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Enw:</translation>
    </message>
    <message>
        <source>&amp;Tag for subject lines:</source>
        <translation>&amp;Tag ar gyfer llinellau pwnc:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Disgrifiad:</translation>
    </message>
    <message>
        <source>How posts go out:</source>
        <translation>Sut mae negeseuon yn mynd allan:</translation>
    </message>
    <message>
        <source>&amp;Footer line:</source>
        <translation>Llinell y t&amp;roedyn:</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Cadw’r newidiadau</translation>
    </message>
    <message>
        <source>Create group</source>
        <translation>Creu’r grŵp</translation>
    </message>
    <message>
        <source>Group settings</source>
        <translation>Gosodiadau’r grŵp</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grŵp</translation>
    </message>
    <message>
        <source>Mail to the group</source>
        <translation>Negeseuon at y grŵp</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Croeso</translation>
    </message>
    <message>
        <source>Goodbye</source>
        <translation>Ffarwel</translation>
    </message>
    <message>
        <source>Your group</source>
        <translation>Eich grŵp</translation>
    </message>
    <message>
        <source>Notes from Tuesday’s call</source>
        <translation>Nodiadau o’r alwad ddydd Mawrth</translation>
    </message>
    <message>
        <source>Subjects will look like: {subject}</source>
        <translation>Bydd pynciau’n edrych fel hyn: {subject}</translation>
    </message>
    <message>
        <source>Subjects will carry no tag.</source>
        <translation>Ni fydd tag ar y pynciau.</translation>
    </message>
    <message>
        <source>your address with +{detail}</source>
        <translation>eich cyfeiriad gyda +{detail}</translation>
    </message>
    <message>
        <source>Posts come from {address} and reach members in batches; replies go to that address, and the footer lists the members. For larger groups.</source>
        <translation>Daw negeseuon o {address} ac maen nhw’n cyrraedd yr aelodau mewn sypiau; mae atebion yn mynd i’r cyfeiriad hwnnw, ac mae’r troedyn yn rhestru’r aelodau. Ar gyfer grwpiau mwy.</translation>
    </message>
    <message>
        <source>e.g. Sharing what works in community wellbeing</source>
        <translation>e.e. Rhannu’r hyn sy’n gweithio ym maes llesiant cymunedol</translation>
    </message>
</context>
<context>
    <name>GroupFromConversationDialog</name>
    <message>
        <source>New group from a conversation</source>
        <translation>Grŵp newydd o sgwrs</translation>
    </message>
    <message>
        <source>Most groups start as a reply-all conversation. Type words from its subject: Pont looks through every folder of your mailbox except Trash, Junk and Drafts, and changes nothing there.</source>
        <translation>Mae’r rhan fwyaf o grwpiau’n dechrau fel sgwrs ateb-pawb. Teipiwch eiriau o’i phwnc: mae Pont yn chwilio drwy bob ffolder yn eich blwch post ac eithrio’r Sbwriel, y Sothach a’r Drafftiau, ac nid yw’n newid dim yno.</translation>
    </message>
    <message>
        <source>Mailbox to search</source>
        <translation>Blwch post i chwilio ynddo</translation>
    </message>
    <message>
        <source>Words from the subject</source>
        <translation>Geiriau o’r pwnc</translation>
    </message>
    <message>
        <source>e.g. summer festival planning</source>
        <translation>e.e. cynllunio gŵyl yr haf</translation>
    </message>
    <message>
        <source>Clear the words</source>
        <translation>Clirio’r geiriau</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Chwilio</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;topio</translation>
    </message>
    <message>
        <source>&amp;Mailbox:</source>
        <translation>&amp;Blwch post:</translation>
    </message>
    <message>
        <source>Subject &amp;words:</source>
        <translation>&amp;Geiriau’r pwnc:</translation>
    </message>
    <message>
        <source>Search progress</source>
        <translation>Cynnydd y chwilio</translation>
    </message>
    <message>
        <source>Search result</source>
        <translation>Canlyniad y chwilio</translation>
    </message>
    <message>
        <source>Conversations found</source>
        <translation>Sgyrsiau a gafwyd</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Sgwrs</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Negeseuon</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Dyddiadau</translation>
    </message>
    <message>
        <source>&amp;Conversations found:</source>
        <translation>Sg&amp;yrsiau a gafwyd:</translation>
    </message>
    <message>
        <source>&amp;People (ticked ones become members):</source>
        <translation>&amp;Pobl (bydd y rhai â thic yn aelodau):</translation>
    </message>
    <message>
        <source>People ticked</source>
        <translation>Pobl â thic</translation>
    </message>
    <message>
        <source>Name of the new group</source>
        <translation>Enw’r grŵp newydd</translation>
    </message>
    <message>
        <source>Group &amp;name:</source>
        <translation>&amp;Enw’r grŵp:</translation>
    </message>
    <message>
        <source>They join as members who have not yet agreed to a list of members everyone can see: the Consent column says “Not yet” until you ask them (Edit ▸ Ask for consent…) or record what they told you.</source>
        <translation>Maen nhw’n ymuno fel aelodau sydd heb gytuno eto i restr o aelodau y gall pawb ei gweld: mae’r golofn Cydsyniad yn dweud “Dim eto” nes i chi ofyn iddyn nhw (Golygu ▸ Gofyn am gydsyniad…) neu gofnodi’r hyn a ddywedon nhw wrthych.</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>C&amp;reate group</source>
        <translation>C&amp;reu’r grŵp</translation>
    </message>
    <message>
        <source>Searching {mailbox}…</source>
        <translation>Yn chwilio {mailbox}…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Wedi stopio.</translation>
    </message>
    <message>
        <source>No conversation has a subject with all of these words. Try fewer words, or words as the subject spells them.</source>
        <translation>Does dim sgwrs â’r holl eiriau hyn yn ei phwnc. Rhowch gynnig ar lai o eiriau, neu ar eiriau fel y mae’r pwnc yn eu sillafu.</translation>
    </message>
    <message>
        <source>Found 1 conversation. Its people are below.</source>
        <translation>Cafwyd 1 sgwrs. Mae ei phobl isod.</translation>
    </message>
    <message>
        <source>Found {n} conversations. Choose one to see its people.</source>
        <translation>Cafwyd {n} sgwrs. Dewiswch un i weld ei phobl.</translation>
    </message>
    <message>
        <source>{found} messages matched; Pont read the newest {read}. More words would narrow it.</source>
        <translation>Roedd {found} neges yn cyfateb; darllenodd Pont y {read} mwyaf diweddar. Byddai rhagor o eiriau’n culhau’r chwilio.</translation>
    </message>
    <message>
        <source>More than {read} messages matched; Pont read the first {read}. More words would narrow it.</source>
        <translation>Roedd mwy na {read} neges yn cyfateb; darllenodd Pont y {read} cyntaf. Byddai rhagor o eiriau’n culhau’r chwilio.</translation>
    </message>
    <message>
        <source>{ticked} of {people} ticked.</source>
        <translation>{ticked} o {people} â thic.</translation>
    </message>
    <message>
        <source>Pont searches your mailbox for the conversation, so it needs your mail account first: Mail ▸ Set up mail account…</source>
        <translation>Mae Pont yn chwilio am y sgwrs yn eich blwch post, felly mae angen eich cyfrif e-bost arno’n gyntaf: E-bost ▸ Gosod cyfrif e-bost…</translation>
    </message>
</context>
<context>
    <name>GroupMailSettings</name>
    <message>
        <source>&amp;Members post freely</source>
        <translation>Mae’r aelodau’n anfon yn &amp;rhydd</translation>
    </message>
    <message>
        <source>Every post is &amp;held for me to approve</source>
        <translation>Mae pob neges yn cael ei &amp;dal i mi ei chymeradwyo</translation>
    </message>
    <message>
        <source>&amp;Only I post: an announcement group</source>
        <translation>Dim ond &amp;fi sy’n anfon: grŵp cyhoeddiadau</translation>
    </message>
    <message>
        <source>Who can post</source>
        <translation>Pwy all anfon negeseuon</translation>
    </message>
    <message>
        <source>A post from anyone who is not a member is always held for you to approve or reject.</source>
        <translation>Mae neges gan rywun nad yw’n aelod bob amser yn cael ei dal i chi ei chymeradwyo neu ei gwrthod.</translation>
    </message>
    <message>
        <source>Days before held posts expire</source>
        <translation>Dyddiau cyn i negeseuon a ddaliwyd ddod i ben</translation>
    </message>
    <message>
        <source> days</source>
        <translation> diwrnod</translation>
    </message>
    <message>
        <source>Let people &amp;leave without asking me</source>
        <translation>Gadael i bobl &amp;adael heb ofyn i mi</translation>
    </message>
    <message>
        <source>When someone writes asking to leave, Pont takes them off the group and sends the goodbye message. Unticked, each request waits for you in Requests.</source>
        <translation>Pan fydd rhywun yn ysgrifennu i ofyn am gael gadael, mae Pont yn eu tynnu oddi ar y grŵp ac yn anfon y neges ffarwel. Heb dic, mae pob cais yn aros amdanoch chi yn Ceisiadau.</translation>
    </message>
    <message>
        <source>Language of the group’s notices</source>
        <translation>Iaith hysbysiadau’r grŵp</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Saesneg</translation>
    </message>
    <message>
        <source>Both: Cymraeg, then English</source>
        <translation>Y ddwy: Cymraeg, yna Saesneg</translation>
    </message>
    <message>
        <source>The footer under each post, welcome and goodbye messages, confirmations and replies to members go in this language, whatever language Pont shows you.</source>
        <translation>Mae’r troedyn o dan bob neges, negeseuon croeso a ffarwel, cadarnhadau ac atebion i aelodau’n mynd yn yr iaith hon, pa iaith bynnag y mae Pont yn ei dangos i chi.</translation>
    </message>
    <message>
        <source>Who can post and held posts apply once the group sends from a group address (on the Group page).</source>
        <translation>Mae pwy all anfon a’r negeseuon a ddaliwyd yn berthnasol unwaith y bydd y grŵp yn anfon o gyfeiriad grŵp (ar y dudalen Grŵp).</translation>
    </message>
    <message>
        <source>Who can post:</source>
        <translation>Pwy all anfon:</translation>
    </message>
    <message>
        <source>Held posts &amp;expire after:</source>
        <translation>Negeseuon a ddaliwyd yn dod i &amp;ben ar ôl:</translation>
    </message>
    <message>
        <source>Leaving:</source>
        <translation>Gadael:</translation>
    </message>
    <message>
        <source>&amp;Notices in:</source>
        <translation>&amp;Hysbysiadau yn:</translation>
    </message>
</context>
<context>
    <name>GroupMailStatusLabel</name>
    <message>
        <source>Group mail</source>
        <translation>Post y grŵp</translation>
    </message>
    <message>
        <source>Last relayed {when}</source>
        <translation>Trosglwyddwyd ddiwethaf {when}</translation>
    </message>
    <message>
        <source>{n} held post</source>
        <translation>{n} neges wedi’i dal yn ôl</translation>
    </message>
    <message>
        <source>{n} held posts</source>
        <translation>{n} neges wedi’u dal yn ôl</translation>
    </message>
    <message>
        <source>{n} request</source>
        <translation>{n} cais</translation>
    </message>
    <message>
        <source>{n} requests</source>
        <translation>{n} cais</translation>
    </message>
    <message>
        <source>{n} in the outbox</source>
        <translation>{n} yn y Blwch Allan</translation>
    </message>
</context>
<context>
    <name>Groups</name>
    <message>
        <source>A group needs a name.</source>
        <translation>Mae angen enw ar grŵp.</translation>
    </message>
    <message>
        <source>A group&apos;s name can be at most 100 characters.</source>
        <translation>Gall enw grŵp fod yn 100 nod ar y mwyaf.</translation>
    </message>
    <message>
        <source>A tag cannot contain square brackets or line breaks.</source>
        <translation>Ni all tag gynnwys bachau sgwâr na thoriadau llinell.</translation>
    </message>
    <message>
        <source>A tag can be at most {length} characters, so subjects stay short.</source>
        <translation>Gall tag fod yn {length} nod ar y mwyaf, er mwyn i’r pynciau aros yn fyr.</translation>
    </message>
    <message>
        <source>The footer line can be at most {length} characters: it goes under every post.</source>
        <translation>Gall llinell y troedyn fod yn {length} nod ar y mwyaf: mae’n mynd o dan bob neges.</translation>
    </message>
    <message>
        <source>A group&apos;s posts go out as “{copy_all}” or “{group_address}”, not “{mode}”.</source>
        <translation>Mae negeseuon grŵp yn mynd allan fel “{copy_all}” neu “{group_address}”, nid “{mode}”.</translation>
    </message>
    <message>
        <source>Held posts can wait between 1 and {most} days before they expire, not {days}.</source>
        <translation>Gall negeseuon a ddaliwyd aros rhwng 1 a {most} diwrnod cyn dod i ben, nid {days}.</translation>
    </message>
    <message>
        <source>Who can post is one of {choices}, not “{value}”.</source>
        <translation>Mae pwy all anfon yn un o {choices}, nid “{value}”.</translation>
    </message>
    <message>
        <source>The notices&apos; language is one of {choices}, not “{value}”.</source>
        <translation>Mae iaith yr hysbysiadau’n un o {choices}, nid “{value}”.</translation>
    </message>
    <message>
        <source>The {notice} message can be at most {length} characters.</source>
        <translation>Gall y neges {notice} fod yn {length} nod ar y mwyaf.</translation>
    </message>
    <message>
        <source>The {notice} message has “{{{placeholder}}}”, which Pont cannot fill in: use {{name}}, {{group}}, {{post}} or {{leave}}.</source>
        <translation>Mae “{{{placeholder}}}” yn y neges {notice}, ac ni all Pont ei llenwi: defnyddiwch {{name}}, {{group}}, {{post}} neu {{leave}}.</translation>
    </message>
    <message>
        <source>The {notice} message has a “{opening}” with no “{closing}” to close it. To show a brace itself, type it twice: {twice}.</source>
        <translation>Mae “{opening}” yn y neges {notice} heb “{closing}” i’w chau. I ddangos cromfach ei hun, teipiwch hi ddwywaith: {twice}.</translation>
    </message>
    <message>
        <source>The {notice} message has a “{closing}” with no “{opening}” before it. To show a brace itself, type it twice: {twice}.</source>
        <translation>Mae “{closing}” yn y neges {notice} heb “{opening}” o’i blaen. I ddangos cromfach ei hun, teipiwch hi ddwywaith: {twice}.</translation>
    </message>
    <message>
        <source>goodbye</source>
        <translation>ffarwel</translation>
    </message>
    <message>
        <source>welcome</source>
        <translation>groeso</translation>
    </message>
</context>
<context>
    <name>GroupsSidebar</name>
    <message>
        <source>Groups</source>
        <translation>Grwpiau</translation>
    </message>
    <message>
        <source>New group…</source>
        <translation>Grŵp newydd…</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>Grŵp newydd</translation>
    </message>
    <message>
        <source>1 member</source>
        <translation>1 aelod</translation>
    </message>
    <message>
        <source>{count} members</source>
        <translation>{count} aelod</translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <source>Getting started — Pont</source>
        <translation>Dechrau arni — Pont</translation>
    </message>
    <message>
        <source>Getting started guide</source>
        <translation>Canllaw dechrau arni</translation>
    </message>
    <message>
        <source>Con&amp;tents</source>
        <translation>C&amp;ynnwys</translation>
    </message>
    <message>
        <source>Back to the top of the guide</source>
        <translation>Yn ôl i ben y canllaw</translation>
    </message>
    <message>
        <source>Open this window’s part of the getting-started guide ({key})</source>
        <translation>Agor rhan y ffenestr hon o’r canllaw dechrau arni ({key})</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Cymorth</translation>
    </message>
    <message>
        <source>The guide is missing from this copy of Pont. Installing Pont again brings it back.</source>
        <translation>Mae’r canllaw ar goll o’r copi hwn o Pont. Mae gosod Pont eto yn dod ag ef yn ôl.</translation>
    </message>
    <message>
        <source>&amp;Getting started</source>
        <translation>&amp;Dechrau arni</translation>
    </message>
    <message>
        <source>A short guide: make a group, add people, connect your mailbox, post</source>
        <translation>Canllaw byr: creu grŵp, ychwanegu pobl, cysylltu eich blwch post, anfon neges</translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <source>1 group</source>
        <translation>1 grŵp</translation>
    </message>
    <message>
        <source>{count} groups</source>
        <translation>{count} grŵp</translation>
    </message>
    <message>
        <source>1 member</source>
        <translation>1 aelod</translation>
    </message>
    <message>
        <source>{count} members</source>
        <translation>{count} aelod</translation>
    </message>
    <message>
        <source>{groups} ({members})</source>
        <translation>{groups} ({members})</translation>
    </message>
    <message>
        <source>1 mail account</source>
        <translation>1 cyfrif e-bost</translation>
    </message>
    <message>
        <source>{count} mail accounts</source>
        <translation>{count} cyfrif e-bost</translation>
    </message>
    <message>
        <source>1 draft</source>
        <translation>1 drafft</translation>
    </message>
    <message>
        <source>{count} drafts</source>
        <translation>{count} drafft</translation>
    </message>
    <message>
        <source>1 archived message</source>
        <translation>1 neges yn yr archif</translation>
    </message>
    <message>
        <source>{count} archived messages</source>
        <translation>{count} neges yn yr archif</translation>
    </message>
    <message>
        <source>Saved {contents} to {file}. Drafts and the outbox are in it with everything else; no password is, so whoever opens it signs in with their own.</source>
        <translation>Cadwyd {contents} yn {file}. Mae’r drafftiau a’r Blwch Allan ynddi gyda phopeth arall; nid oes cyfrinair ynddi, felly bydd pwy bynnag sy’n ei hagor yn mewngofnodi â’u cyfrinair eu hunain.</translation>
    </message>
    <message>
        <source>Imported {contents}. {passwords}</source>
        <translation>Mewnforiwyd {contents}. {passwords}</translation>
    </message>
    <message>
        <source>Imported {contents}.</source>
        <translation>Mewnforiwyd {contents}.</translation>
    </message>
    <message>
        <source>Imported {contents}. What the profile held before is kept among its backups. {passwords}</source>
        <translation>Mewnforiwyd {contents}. Mae’r hyn oedd yn y proffil o’r blaen wedi’i gadw ymhlith ei gopïau wrth gefn. {passwords}</translation>
    </message>
    <message>
        <source>Imported {contents}. What the profile held before is kept among its backups.</source>
        <translation>Mewnforiwyd {contents}. Mae’r hyn oedd yn y proffil o’r blaen wedi’i gadw ymhlith ei gopïau wrth gefn.</translation>
    </message>
    <message>
        <source>Passwords never travel in an export: Pont will ask for the password for {accounts} when it next signs in.</source>
        <translation>Nid yw cyfrineiriau byth yn cael eu cynnwys mewn allforiad: bydd Pont yn gofyn am y cyfrinair ar gyfer {accounts} y tro nesaf y bydd yn mewngofnodi.</translation>
    </message>
    <message>
        <source>Pont could not write {file}: {reason}. Try another folder.</source>
        <translation>Methodd Pont ag ysgrifennu {file}: {reason}. Rhowch gynnig ar ffolder arall.</translation>
    </message>
    <message>
        <source>it holds no database</source>
        <translation>nid oes cronfa ddata ynddi</translation>
    </message>
    <message>
        <source>The data in {file}</source>
        <translation>Y data yn {file}</translation>
    </message>
    <message>
        <source>it lists far too many files</source>
        <translation>mae’n rhestru llawer gormod o ffeiliau</translation>
    </message>
    <message>
        <source>There is no file {path}. Nothing was imported.</source>
        <translation>Nid yw’r ffeil {path} yn bodoli. Ni fewnforiwyd dim.</translation>
    </message>
    <message>
        <source>it is not a zip file</source>
        <translation>nid yw’n ffeil zip</translation>
    </message>
    <message>
        <source>its {file} would unpack to {size}, far more than it holds</source>
        <translation>byddai’r ffeil {file} ynddi’n dadbacio i {size}, llawer mwy nag y mae’n ei ddal</translation>
    </message>
    <message>
        <source>its {file} is far too large</source>
        <translation>mae’r ffeil {file} ynddi’n llawer rhy fawr</translation>
    </message>
    <message>
        <source>{file} needs {size} of space to open, and the disk holding Pont&apos;s data has {free} free. Free some space, then try again. Nothing was imported.</source>
        <translation>Mae angen {size} o le i agor {file}, a dim ond {free} sy’n rhydd ar y ddisg sy’n dal data Pont. Rhyddhewch ychydig o le, yna rhowch gynnig arall arni. Ni fewnforiwyd dim.</translation>
    </message>
    <message>
        <source>{file} is not a file Pont’s “Export everything” made ({why}). Nothing was imported.</source>
        <translation>Nid yw {file} yn ffeil a grëwyd gan “Allforio popeth” yn Pont ({why}). Ni fewnforiwyd dim.</translation>
    </message>
    <message>
        <source>it has no manifest.json</source>
        <translation>nid oes manifest.json ynddi</translation>
    </message>
    <message>
        <source>its manifest cannot be read</source>
        <translation>ni ellir darllen ei maniffest</translation>
    </message>
    <message>
        <source>its manifest is not Pont’s</source>
        <translation>nid maniffest Pont sydd ynddi</translation>
    </message>
    <message>
        <source>its manifest has no format version</source>
        <translation>nid oes fersiwn fformat yn ei maniffest</translation>
    </message>
    <message>
        <source>{file} was made by a newer version of Pont ({version}). Install that version to import it. Nothing was imported.</source>
        <translation>Crëwyd {file} gan fersiwn fwy diweddar o Pont ({version}). Gosodwch y fersiwn honno i’w mewnforio. Ni fewnforiwyd dim.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>anhysbys</translation>
    </message>
    <message>
        <source>its manifest is incomplete</source>
        <translation>mae ei maniffest yn anghyflawn</translation>
    </message>
    <message>
        <source>its {file} is damaged</source>
        <translation>mae’r ffeil {file} ynddi wedi’i difrodi</translation>
    </message>
    <message>
        <source>Pont could not unpack {file}: {reason}. Check there is space on the disk. Nothing was imported.</source>
        <translation>Methodd Pont â dadbacio {file}: {reason}. Gwiriwch fod lle ar y ddisg. Ni fewnforiwyd dim.</translation>
    </message>
    <message>
        <source>data Pont cannot read</source>
        <translation>data na all Pont ei ddarllen</translation>
    </message>
    <message>
        <source>{earlier}, {next}</source>
        <translation>{earlier}, {next}</translation>
    </message>
    <message>
        <source>{earlier} and {last}</source>
        <translation>{earlier} a {last}</translation>
    </message>
</context>
<context>
    <name>HeldActions</name>
    <message>
        <source>&amp;Held posts…</source>
        <translation>Negeseuon wedi’u &amp;dal…</translation>
    </message>
    <message>
        <source>Posts to the group’s address that wait for you to approve or reject</source>
        <translation>Negeseuon at gyfeiriad y grŵp sy’n aros i chi eu cymeradwyo neu eu gwrthod</translation>
    </message>
    <message>
        <source>&amp;Held posts ({count})…</source>
        <translation>Negeseuon wedi’u &amp;dal ({count})…</translation>
    </message>
</context>
<context>
    <name>HeldPosts</name>
    <message>
        <source>There is no held post number {number}. `pont held` lists the posts waiting.</source>
        <translation>Nid oes neges wedi’i dal rhif {number}. Mae `pont held` yn rhestru’r negeseuon sy’n aros.</translation>
    </message>
    <message>
        <source>Held post {number} was approved already; nothing was changed.</source>
        <translation>Cafodd neges wedi’i dal {number} ei chymeradwyo eisoes; ni newidiwyd dim.</translation>
    </message>
    <message>
        <source>Held post {number} was rejected already; nothing was changed.</source>
        <translation>Cafodd neges wedi’i dal {number} ei gwrthod eisoes; ni newidiwyd dim.</translation>
    </message>
    <message>
        <source>Held post {number} expired before it was decided; nothing was changed.</source>
        <translation>Daeth neges wedi’i dal {number} i ben cyn i chi benderfynu; ni newidiwyd dim.</translation>
    </message>
    <message>
        <source>Held post {number} has no usable sender address, so no reply can go to it. Reject it silently instead.</source>
        <translation>Nid oes gan neges wedi’i dal {number} gyfeiriad anfonwr y gellir ei ddefnyddio, felly ni all ateb fynd ati. Gwrthodwch hi’n dawel yn lle hynny.</translation>
    </message>
    <message>
        <source>The sender, {sender}, is not a member of {group}.</source>
        <translation>Nid yw’r anfonwr, {sender}, yn aelod o {group}.</translation>
    </message>
    <message>
        <source>(no address)</source>
        <translation>(dim cyfeiriad)</translation>
    </message>
    <message>
        <source>{group} holds every post until you approve it.</source>
        <translation>Mae {group} yn dal pob neges nes i chi ei chymeradwyo.</translation>
    </message>
    <message>
        <source>{group} is an announcement group: only you post to it.</source>
        <translation>Grŵp cyhoeddiadau yw {group}: dim ond chi sy’n anfon ato.</translation>
    </message>
    <message>
        <source>It is too large for your provider to pass on ({detail}).</source>
        <translation>Mae’n rhy fawr i’ch darparwr ei hanfon ymlaen ({detail}).</translation>
    </message>
    <message>
        <source>It is too large for your provider to pass on.</source>
        <translation>Mae’n rhy fawr i’ch darparwr ei hanfon ymlaen.</translation>
    </message>
</context>
<context>
    <name>HeldPostsDialog</name>
    <message>
        <source>No held posts</source>
        <translation>Dim negeseuon wedi’u dal</translation>
    </message>
    <message>
        <source>Held posts</source>
        <translation>Negeseuon wedi’u dal</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Oddi wrth</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Pwnc</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Daliwyd</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Yn dod i ben</translation>
    </message>
    <message>
        <source>Why it was held</source>
        <translation>Pam y cafodd ei dal</translation>
    </message>
    <message>
        <source>Sender, size and dates</source>
        <translation>Anfonwr, maint a dyddiadau</translation>
    </message>
    <message>
        <source>The held message</source>
        <translation>Y neges a ddaliwyd</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Cymeradwyo</translation>
    </message>
    <message>
        <source>Pass the post on to the group’s members</source>
        <translation>Anfon y neges ymlaen at aelodau’r grŵp</translation>
    </message>
    <message>
        <source>Approve and add as &amp;member</source>
        <translation>Cymeradwyo ac ychwanegu fel &amp;aelod</translation>
    </message>
    <message>
        <source>Pass the post on, and make its sender a member of the group</source>
        <translation>Anfon y neges ymlaen, a gwneud ei hanfonwr yn aelod o’r grŵp</translation>
    </message>
    <message>
        <source>&amp;Reject with reply</source>
        <translation>&amp;Gwrthod gydag ateb</translation>
    </message>
    <message>
        <source>Do not pass it on; send the sender a polite reply saying why</source>
        <translation>Peidio â’i hanfon ymlaen; anfon ateb cwrtais at yr anfonwr yn dweud pam</translation>
    </message>
    <message>
        <source>Reject &amp;silently (spam)</source>
        <translation>Gwrthod yn &amp;dawel (sbam)</translation>
    </message>
    <message>
        <source>Do not pass it on, and send nothing</source>
        <translation>Peidio â’i hanfon ymlaen, a pheidio ag anfon dim</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>Beth a wnaed</translation>
    </message>
    <message>
        <source>Held posts: {group} — Pont</source>
        <translation>Negeseuon wedi’u dal: {group} — Pont</translation>
    </message>
    <message>
        <source>(no sender)</source>
        <translation>(dim anfonwr)</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(dim pwnc)</translation>
    </message>
    <message>
        <source>{group} copies everyone in, so replies go straight to every member and nothing is held. Held posts come with the group-address way of sending: a post to the group’s address from someone who is not a member waits here for you to approve or reject.</source>
        <translation>Mae {group} yn copïo pawb i mewn, felly mae atebion yn mynd yn syth at bob aelod ac nid oes dim yn cael ei ddal. Daw negeseuon wedi’u dal gyda’r ffordd o anfon drwy gyfeiriad y grŵp: mae neges at gyfeiriad y grŵp gan rywun nad yw’n aelod yn aros yma i chi ei chymeradwyo neu ei gwrthod.</translation>
    </message>
    <message>
        <source>When someone who is not a member writes to {group}’s address, or the group holds every post, or a post is too large to pass on, it waits here for you to approve or reject. Posts you do not decide within {days} days expire.</source>
        <translation>Pan fydd rhywun nad yw’n aelod yn ysgrifennu at gyfeiriad {group}, neu pan fydd y grŵp yn dal pob neges, neu pan fydd neges yn rhy fawr i’w hanfon ymlaen, mae’n aros yma i chi ei chymeradwyo neu ei gwrthod. Mae negeseuon nad ydych yn penderfynu arnynt o fewn {days} diwrnod yn dod i ben.</translation>
    </message>
    <message>
        <source>From {sender} · {size} · held on {held}, expires on {expires}</source>
        <translation>Oddi wrth {sender} · {size} · daliwyd ar {held}, yn dod i ben ar {expires}</translation>
    </message>
    <message>
        <source>(The message has no text.)</source>
        <translation>(Nid oes testun yn y neges.)</translation>
    </message>
    <message>
        <source>Attached: {files}</source>
        <translation>Atodiadau: {files}</translation>
    </message>
    <message>
        <source>Part of this message could not be read; it is shown as well as it can be.</source>
        <translation>Nid oedd modd darllen rhan o’r neges hon; mae’n cael ei dangos orau y gellir.</translation>
    </message>
    <message>
        <source>Approved “{subject}”: it is on its way to the members, and {sender} is now a member.</source>
        <translation>Cymeradwywyd “{subject}”: mae ar ei ffordd at yr aelodau, ac mae {sender} bellach yn aelod.</translation>
    </message>
    <message>
        <source>Approved “{subject}”: it is on its way to the members.</source>
        <translation>Cymeradwywyd “{subject}”: mae ar ei ffordd at yr aelodau.</translation>
    </message>
    <message>
        <source>Approving “{subject}”…</source>
        <translation>Yn cymeradwyo “{subject}”…</translation>
    </message>
    <message>
        <source>Rejected “{subject}” silently: nothing was sent.</source>
        <translation>Gwrthodwyd “{subject}” yn dawel: ni anfonwyd dim.</translation>
    </message>
    <message>
        <source>Rejected “{subject}”: a polite reply is on its way to {sender}.</source>
        <translation>Gwrthodwyd “{subject}”: mae ateb cwrtais ar ei ffordd at {sender}.</translation>
    </message>
    <message>
        <source>Rejecting “{subject}”…</source>
        <translation>Yn gwrthod “{subject}”…</translation>
    </message>
</context>
<context>
    <name>HintBar</name>
    <message>
        <source>Message</source>
        <translation>Neges</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Cau</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Cau’r neges</translation>
    </message>
    <message>
        <source>What to do about the message</source>
        <translation>Beth i’w wneud am y neges</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>This file has nothing in it but blank space; check that you chose the right file.</source>
        <translation>Does dim byd yn y ffeil hon ond gofod gwag; gwiriwch eich bod wedi dewis y ffeil gywir.</translation>
    </message>
    <message>
        <source>Pont could not read row {number} of this file; open the file in a spreadsheet program, save it as CSV once more, and import that.</source>
        <translation>Ni allai Pont ddarllen rhes {number} o’r ffeil hon; agorwch y ffeil mewn rhaglen daenlen, cadwch hi fel CSV unwaith eto, a mewnforiwch honno.</translation>
    </message>
    <message>
        <source>Row {number} of this file has a cell that never ends, usually a quotation mark that is not closed; correct it in a spreadsheet program and try again.</source>
        <translation>Yn rhes {number} o’r ffeil hon mae cell nad yw byth yn dod i ben, dyfynnod heb ei gau fel arfer; cywirwch hyn mewn rhaglen daenlen a rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>This file has no rows in it; check that you chose the right file.</source>
        <translation>Does dim rhesi yn y ffeil hon; gwiriwch eich bod wedi dewis y ffeil gywir.</translation>
    </message>
    <message>
        <source>Column {number}</source>
        <translation>Colofn {number}</translation>
    </message>
    <message>
        <source>choose a CSV or vCard file exported from your address book or spreadsheet</source>
        <translation>dewiswch ffeil CSV neu vCard a allforiwyd o’ch llyfr cyfeiriadau neu’ch taenlen</translation>
    </message>
    <message>
        <source>open it, choose Save As › “CSV UTF-8”, and import the saved file</source>
        <translation>agorwch y ffeil, dewiswch Cadw Fel (Save As) › “CSV UTF-8”, a mewnforiwch y ffeil a gadwyd</translation>
    </message>
    <message>
        <source>a program</source>
        <translation>rhaglen</translation>
    </message>
    <message>
        <source>a compressed file</source>
        <translation>ffeil gywasgedig</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>dogfen PDF</translation>
    </message>
    <message>
        <source>a PNG picture</source>
        <translation>llun PNG</translation>
    </message>
    <message>
        <source>a JPEG picture</source>
        <translation>llun JPEG</translation>
    </message>
    <message>
        <source>a GIF picture</source>
        <translation>llun GIF</translation>
    </message>
    <message>
        <source>a Windows program</source>
        <translation>rhaglen Windows</translation>
    </message>
    <message>
        <source>a database</source>
        <translation>cronfa ddata</translation>
    </message>
    <message>
        <source>“{name}” is a folder, not a file; choose a file inside it.</source>
        <translation>Ffolder yw “{name}”, nid ffeil; dewiswch ffeil sydd ynddi.</translation>
    </message>
    <message>
        <source>Pont cannot find “{name}”; it may have been moved, renamed or deleted.</source>
        <translation>Ni all Pont ddod o hyd i “{name}”; efallai ei bod wedi’i symud, ei hailenwi neu ei dileu.</translation>
    </message>
    <message>
        <source>Pont is not allowed to read “{name}”; if it is open in Excel or another program, close it there and try again.</source>
        <translation>Nid oes gan Pont ganiatâd i ddarllen “{name}”; os yw’r ffeil ar agor yn Excel neu mewn rhaglen arall, caewch hi yno a rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>Pont could not read “{name}”; check that the file is still there and try again.</source>
        <translation>Methodd Pont â darllen “{name}”; gwiriwch fod y ffeil yno o hyd a rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>This file is larger than 50 MB, far too big to be a list of contacts; check that you chose the right file.</source>
        <translation>Mae’r ffeil hon yn fwy na 50 MB, sy’n llawer rhy fawr i fod yn rhestr o gysylltiadau; gwiriwch eich bod wedi dewis y ffeil gywir.</translation>
    </message>
    <message>
        <source>This file is empty; check that you chose the right file, or export your contacts again.</source>
        <translation>Mae’r ffeil hon yn wag; gwiriwch eich bod wedi dewis y ffeil gywir, neu allforiwch eich cysylltiadau eto.</translation>
    </message>
    <message>
        <source>This is a spreadsheet workbook, not a CSV file; {what_to_do}.</source>
        <translation>Llyfr gwaith taenlen yw’r ffeil hon, nid ffeil CSV; {what_to_do}.</translation>
    </message>
    <message>
        <source>This file is a ZIP archive, not a list of contacts; {what_to_do}.</source>
        <translation>Archif ZIP yw’r ffeil hon, nid rhestr o gysylltiadau; {what_to_do}.</translation>
    </message>
    <message>
        <source>This file is {kind}, not a list of contacts; {what_to_do}.</source>
        <translation>Nid rhestr o gysylltiadau yw’r ffeil hon, ond {kind}; {what_to_do}.</translation>
    </message>
    <message>
        <source>This file does not contain text, so it is not a list of contacts; {what_to_do}.</source>
        <translation>Nid oes testun yn y ffeil hon, felly nid rhestr o gysylltiadau yw hi; {what_to_do}.</translation>
    </message>
    <message>
        <source>Pont could not make out the letters in this file; {what_to_do}.</source>
        <translation>Ni allai Pont ddeall y llythrennau yn y ffeil hon; {what_to_do}.</translation>
    </message>
    <message>
        <source>This file has no column of email addresses, so Pont cannot tell whom to add; check that it is the right file and that one column holds the addresses.</source>
        <translation>Nid oes colofn o gyfeiriadau e-bost yn y ffeil hon, felly ni all Pont wybod pwy i’w ychwanegu; gwiriwch mai dyma’r ffeil gywir a bod un golofn yn cynnwys y cyfeiriadau.</translation>
    </message>
    <message>
        <source>This file has a row of headings but no contacts under it; check that you exported the right address book.</source>
        <translation>Mae rhes o benawdau yn y ffeil hon ond dim cysylltiadau oddi tani; gwiriwch eich bod wedi allforio’r llyfr cyfeiriadau cywir.</translation>
    </message>
    <message>
        <source>row {number}</source>
        <translation>rhes {number}</translation>
    </message>
    <message>
        <source>line {number}</source>
        <translation>llinell {number}</translation>
    </message>
    <message>
        <source>item {number}</source>
        <translation>eitem {number}</translation>
    </message>
    <message>
        <source>This is not a vCard file (it has no contact cards); {what_to_do}.</source>
        <translation>Nid ffeil vCard yw hon (nid oes cardiau cyswllt ynddi); {what_to_do}.</translation>
    </message>
    <message>
        <source>This vCard file has no contact cards in it; {what_to_do}.</source>
        <translation>Nid oes cardiau cyswllt yn y ffeil vCard hon; {what_to_do}.</translation>
    </message>
    <message>
        <source>card {number}</source>
        <translation>cerdyn {number}</translation>
    </message>
    <message>
        <source>added {added}, updated {updated}, already members {unchanged}, skipped {skipped}</source>
        <translation>ychwanegwyd {added}, diweddarwyd {updated}, eisoes yn aelodau {unchanged}, hepgorwyd {skipped}</translation>
    </message>
    <message>
        <source>added {added}, updated {updated}, skipped {skipped}</source>
        <translation>ychwanegwyd {added}, diweddarwyd {updated}, hepgorwyd {skipped}</translation>
    </message>
    <message>
        <source>Some of this file was not in UTF-8 like the rest, so Pont read it as {encoding}; check that the letters look right in row {rows}.</source>
        <translation>Nid oedd rhan o’r ffeil hon mewn UTF-8 fel y gweddill, felly darllenodd Pont hi fel {encoding}; gwiriwch fod y llythrennau’n edrych yn iawn yn rhes {rows}.</translation>
    </message>
    <message>
        <source>Some of this file was not in UTF-8 like the rest, so Pont read it as {encoding}; check that the letters look right in rows {rows}.</source>
        <translation>Nid oedd rhan o’r ffeil hon mewn UTF-8 fel y gweddill, felly darllenodd Pont hi fel {encoding}; gwiriwch fod y llythrennau’n edrych yn iawn yn rhesi {rows}.</translation>
    </message>
    <message>
        <source>{rows} and {count} more</source>
        <translation>{rows} a {count} arall</translation>
    </message>
    <message>
        <source>the same address as {where}</source>
        <translation>cyfeiriad dyblyg (gweler {where})</translation>
    </message>
    <message>
        <source>no email address</source>
        <translation>dim cyfeiriad e-bost</translation>
    </message>
    <message>
        <source>an Exchange address, which works only inside that organisation; add the person&apos;s ordinary email address instead</source>
        <translation>cyfeiriad Exchange, sy’n gweithio y tu mewn i’r sefydliad hwnnw yn unig; ychwanegwch gyfeiriad e-bost arferol yr unigolyn yn ei le</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import members into {group}</source>
        <translation>Mewnforio aelodau i {group}</translation>
    </message>
    <message>
        <source>Add people to {group} from a list. Nothing changes until you press Import.</source>
        <translation>Ychwanegwch bobl at {group} o restr. Fydd dim byd yn newid nes i chi bwyso Mewnforio.</translation>
    </message>
    <message>
        <source>Where the people come from</source>
        <translation>O ble daw’r bobl</translation>
    </message>
    <message>
        <source>From a &amp;file</source>
        <translation>O &amp;ffeil</translation>
    </message>
    <message>
        <source>&amp;Paste addresses</source>
        <translation>G&amp;ludo cyfeiriadau</translation>
    </message>
    <message>
        <source>People found</source>
        <translation>Pobl a ganfuwyd</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Wrthi’n gweithio</translation>
    </message>
    <message>
        <source>Put first names first</source>
        <translation>Rhoi’r enwau cyntaf yn gyntaf</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Mewnforio</translation>
    </message>
    <message>
        <source>Import these people</source>
        <translation>Mewnforio’r bobl hyn</translation>
    </message>
    <message>
        <source>Cancel without importing</source>
        <translation>Canslo heb fewnforio</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Gorffen</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>Cau’r ffenestr hon</translation>
    </message>
    <message>
        <source>Choose a list of contacts</source>
        <translation>Dewiswch restr o gysylltiadau</translation>
    </message>
    <message>
        <source>Contact lists (*.csv *.txt *.vcf *.vcard)</source>
        <translation>Rhestrau cysylltiadau (*.csv *.txt *.vcf *.vcard)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Pob ffeil (*)</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Yn darllen {file}…</translation>
    </message>
    <message>
        <source>Adding the members…</source>
        <translation>Yn ychwanegu’r aelodau…</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Yn cyfrif…</translation>
    </message>
    <message>
        <source>Reading the addresses…</source>
        <translation>Yn darllen y cyfeiriadau…</translation>
    </message>
    <message>
        <source>Imported “{file}” into {group}.</source>
        <translation>Mewnforiwyd “{file}” i {group}.</translation>
    </message>
    <message>
        <source>Imported the pasted addresses into {group}.</source>
        <translation>Mewnforiwyd y cyfeiriadau a gludwyd i {group}.</translation>
    </message>
    <message>
        <source>{problem} Nothing was changed.</source>
        <translation>{problem} Ni newidiwyd dim.</translation>
    </message>
    <message>
        <source>Put first &amp;names first ({before} → {after})</source>
        <translation>Rhoi’r &amp;enwau cyntaf yn gyntaf ({before} → {after})</translation>
    </message>
    <message>
        <source>Read as address-book cards (vCard).</source>
        <translation>Darllenwyd fel cardiau llyfr cyfeiriadau (vCard).</translation>
    </message>
    <message>
        <source>Read as a list of addresses.</source>
        <translation>Darllenwyd fel rhestr o gyfeiriadau.</translation>
    </message>
    <message>
        <source>Unicode (UTF-8)</source>
        <translation>Unicode (UTF-8)</translation>
    </message>
    <message>
        <source>Unicode (UTF-16)</source>
        <translation>Unicode (UTF-16)</translation>
    </message>
    <message>
        <source>Unicode (UTF-32)</source>
        <translation>Unicode (UTF-32)</translation>
    </message>
    <message>
        <source>Western (Windows-1252)</source>
        <translation>Gorllewin Ewrop (Windows-1252)</translation>
    </message>
    <message>
        <source>Western (Mac)</source>
        <translation>Gorllewin Ewrop (Mac)</translation>
    </message>
    <message>
        <source>Central European (Windows-1250)</source>
        <translation>Canol Ewrop (Windows-1250)</translation>
    </message>
    <message>
        <source>Cyrillic (Windows-1251)</source>
        <translation>Cyrilig (Windows-1251)</translation>
    </message>
    <message>
        <source>Greek (Windows-1253)</source>
        <translation>Groeg (Windows-1253)</translation>
    </message>
    <message>
        <source>commas</source>
        <translation>comas</translation>
    </message>
    <message>
        <source>semicolons</source>
        <translation>hanner colonau</translation>
    </message>
    <message>
        <source>tabs</source>
        <translation>tabiau</translation>
    </message>
    <message>
        <source>vertical bars</source>
        <translation>barrau fertigol</translation>
    </message>
    <message>
        <source>Read as {encoding}, separated by {delimiter}.</source>
        <translation>Darllenwyd fel {encoding}; {delimiter} sy’n gwahanu’r colofnau.</translation>
    </message>
    <message>
        <source>Read as {encoding}, separated by {delimiter}. The first row holds a contact, not column names.</source>
        <translation>Darllenwyd fel {encoding}; {delimiter} sy’n gwahanu’r colofnau. Mae’r rhes gyntaf yn cynnwys cyswllt, nid enwau colofnau.</translation>
    </message>
    <message>
        <source>Counting the people…</source>
        <translation>Yn cyfrif y bobl…</translation>
    </message>
    <message>
        <source>Choose which column holds the email addresses, in the menu above that column.</source>
        <translation>Dewiswch pa golofn sy’n cynnwys y cyfeiriadau e-bost, yn y ddewislen uwchben y golofn honno.</translation>
    </message>
    <message>
        <source>No addresses found yet.</source>
        <translation>Dim cyfeiriadau wedi’u canfod eto.</translation>
    </message>
    <message>
        <source>{count} person found</source>
        <translation>Canfuwyd {count} person</translation>
    </message>
    <message>
        <source>{count} people found</source>
        <translation>Canfuwyd {count} person</translation>
    </message>
    <message>
        <source>{found}, but none with a usable address, so there is nobody to import.</source>
        <translation>{found}, ond does gan neb gyfeiriad dilys, felly does neb i’w fewnforio.</translation>
    </message>
    <message>
        <source>{count} new</source>
        <translation>{count} newydd</translation>
    </message>
    <message>
        <source>{count} already a member</source>
        <translation>{count} eisoes yn aelod</translation>
    </message>
    <message>
        <source>{count} already members</source>
        <translation>{count} eisoes yn aelodau</translation>
    </message>
    <message>
        <source>{count} who left the group before (they stay left)</source>
        <translation>{count} a adawodd y grŵp o’r blaen (byddan nhw’n aros felly)</translation>
    </message>
    <message>
        <source>{found}: {new}, {members}, {left}.</source>
        <translation>{found}: {new}, {members}, {left}.</translation>
    </message>
    <message>
        <source>{found}: {new}, {members}.</source>
        <translation>{found}: {new}, {members}.</translation>
    </message>
    <message>
        <source>{found}: {new}, {left}.</source>
        <translation>{found}: {new}, {left}.</translation>
    </message>
    <message>
        <source>{found}: {new}.</source>
        <translation>{found}: {new}.</translation>
    </message>
    <message>
        <source>{count} without a usable address will be skipped.</source>
        <translation>Caiff {count} heb gyfeiriad dilys eu hepgor.</translation>
    </message>
    <message>
        <source>{count} address appears twice; the repeat will be skipped.</source>
        <translation>Mae {count} cyfeiriad yn ymddangos ddwywaith; caiff y copi dyblyg ei hepgor.</translation>
    </message>
    <message>
        <source>{count} addresses appear twice; the repeats will be skipped.</source>
        <translation>Mae {count} cyfeiriad yn ymddangos ddwywaith; caiff y copïau dyblyg eu hepgor.</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <source>Don’t import</source>
        <translation>Peidio â mewnforio</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>Cyfeiriad e-bost</translation>
    </message>
    <message>
        <source>Second email address</source>
        <translation>Ail gyfeiriad e-bost</translation>
    </message>
    <message>
        <source>Third email address</source>
        <translation>Trydydd cyfeiriad e-bost</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Enw llawn</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Enw cyntaf</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>Enw canol</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Cyfenw</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Sefydliad</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tagiau</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Nodiadau</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>I’w ychwanegu</translation>
    </message>
    <message>
        <source>Already a member</source>
        <translation>Eisoes yn aelod</translation>
    </message>
    <message>
        <source>Left the group before; stays left</source>
        <translation>Wedi gadael y grŵp o’r blaen; bydd yn aros felly</translation>
    </message>
    <message>
        <source>Skipped: the same address as {where}</source>
        <translation>I’w hepgor: cyfeiriad dyblyg (gweler {where})</translation>
    </message>
    <message>
        <source>Skipped: {reason}</source>
        <translation>I’w hepgor: {reason}</translation>
    </message>
</context>
<context>
    <name>ImportReportView</name>
    <message>
        <source>What the import did</source>
        <translation>Canlyniad y mewnforio</translation>
    </message>
    <message>
        <source>More about the import</source>
        <translation>Rhagor am y mewnforio</translation>
    </message>
    <message>
        <source>Rows read in another encoding</source>
        <translation>Rhesi a ddarllenwyd mewn amgodiad arall</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Lleoliad</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Cyfeiriad</translation>
    </message>
    <message>
        <source>Why it was skipped</source>
        <translation>Pam y’i hepgorwyd</translation>
    </message>
    <message>
        <source>Skipped entries</source>
        <translation>Cofnodion a hepgorwyd</translation>
    </message>
    <message>
        <source>Details kept</source>
        <translation>Manylion a gadwyd</translation>
    </message>
    <message>
        <source>Cop&amp;y the report</source>
        <translation>Copïo&apos;r a&amp;droddiad</translation>
    </message>
    <message>
        <source>Copy the report</source>
        <translation>Copïo&apos;r adroddiad</translation>
    </message>
    <message>
        <source>Save the report &amp;as…</source>
        <translation>Cadw&apos;r adroddiad &amp;fel…</translation>
    </message>
    <message>
        <source>Save the report as a file</source>
        <translation>Cadw&apos;r adroddiad fel ffeil</translation>
    </message>
    <message>
        <source>What happened to the report</source>
        <translation>Beth ddigwyddodd i&apos;r adroddiad</translation>
    </message>
    <message>
        <source>Added {added} · Updated {updated} · Already members {same} · Skipped {skipped}</source>
        <translation>Ychwanegwyd {added} · Diweddarwyd {updated} · Eisoes yn aelodau {same} · Hepgorwyd {skipped}</translation>
    </message>
    <message>
        <source>The new members are in {group} now. Members who were already in it kept their details; only empty ones were filled in.</source>
        <translation>Mae’r aelodau newydd yn {group} nawr. Cadwodd yr aelodau a oedd yno eisoes eu manylion; dim ond y rhai gwag a lenwyd.</translation>
    </message>
    <message>
        <source>Nobody new was added to {group}; empty details of members already in it were filled in.</source>
        <translation>Ni ychwanegwyd neb newydd at {group}; llenwyd manylion gwag yr aelodau a oedd yno eisoes.</translation>
    </message>
    <message>
        <source>Nothing was changed in {group}.</source>
        <translation>Ni newidiwyd dim yn {group}.</translation>
    </message>
    <message>
        <source>&amp;One entry was skipped; correct it in the source and import again:</source>
        <translation>&amp;Hepgorwyd un cofnod; cywirwch ef yn y ffynhonnell a mewnforiwch eto:</translation>
    </message>
    <message>
        <source>{count} entries were &amp;skipped; correct them in the source and import again:</source>
        <translation>&amp;Hepgorwyd {count} cofnod; cywirwch nhw yn y ffynhonnell a mewnforiwch eto:</translation>
    </message>
    <message>
        <source>&amp;Kept {count} existing details where the source had something else (edit the members to change them):</source>
        <translation>&amp;Cadwyd {count} manylyn presennol lle roedd gan y ffynhonnell rywbeth arall (golygwch yr aelodau i’w newid):</translation>
    </message>
    <message>
        <source>Copied: paste it into an email or a document.</source>
        <translation>Wedi&apos;i gopïo: gludwch ef i e-bost neu ddogfen.</translation>
    </message>
    <message>
        <source>Save the import report</source>
        <translation>Cadw&apos;r adroddiad mewnforio</translation>
    </message>
    <message>
        <source>Import report.txt</source>
        <translation>Adroddiad mewnforio.txt</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Ffeiliau testun (*.txt)</translation>
    </message>
    <message>
        <source>Could not save the report: {reason}.</source>
        <translation>Methu cadw&apos;r adroddiad: {reason}.</translation>
    </message>
    <message>
        <source>Saved as {file}.</source>
        <translation>Wedi&apos;i gadw fel {file}.</translation>
    </message>
    <message>
        <source>The file said</source>
        <translation>Yn y ffeil</translation>
    </message>
    <message>
        <source>The pasted text said</source>
        <translation>Yn y testun a gludwyd</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Aelod</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Manylyn</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>A gadwyd</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Enw</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Sefydliad</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Nodiadau</translation>
    </message>
    <message>
        <source>&amp;Kept one member’s existing detail where the source had something else (edit the member to change it):</source>
        <translation>&amp;Cadwyd manylyn presennol un aelod lle roedd gan y ffynhonnell rywbeth arall (golygwch yr aelod i’w newid):</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>Stopped before it finished.</source>
        <translation>Stopiwyd cyn gorffen.</translation>
    </message>
    <message>
        <source>Opening Microsoft’s sign-in page in your web browser…</source>
        <translation>Yn agor tudalen fewngofnodi Microsoft yn eich porwr gwe…</translation>
    </message>
    <message>
        <source>If no browser opened, open this address: {address}</source>
        <translation>Os na agorodd porwr, agorwch y cyfeiriad hwn: {address}</translation>
    </message>
    <message>
        <source>Signed in. Trying each way into your mailbox…</source>
        <translation>Wedi mewngofnodi. Yn rhoi cynnig ar bob ffordd i mewn i’ch blwch post…</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Iaith</translation>
    </message>
    <message>
        <source>The language Pont’s windows use</source>
        <translation>Yr iaith y mae ffenestri Pont yn ei defnyddio</translation>
    </message>
    <message>
        <source>As the &amp;system ({language})</source>
        <translation>Iaith y &amp;system ({language})</translation>
    </message>
    <message>
        <source>Pont cannot show its windows in {language} here: its translation is missing from this copy of Pont. Installing Pont again brings it back.</source>
        <translation>Ni all Pont ddangos ei ffenestri yn {language} yma: mae’r cyfieithiad ar goll o’r copi hwn o Pont. Mae gosod Pont eto yn dod ag ef yn ôl.</translation>
    </message>
    <message>
        <source>Pont now shows its windows in {language}.</source>
        <translation>Iaith ffenestri Pont bellach yw {language}.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Iaith</translation>
    </message>
</context>
<context>
    <name>MailboxSearch</name>
    <message>
        <source>Type a word or two from the conversation’s subject.</source>
        <translation>Teipiwch air neu ddau o bwnc y sgwrs.</translation>
    </message>
    <message>
        <source>The search was stopped.</source>
        <translation>Cafodd y chwilio ei stopio.</translation>
    </message>
    <message>
        <source>list the mail folders</source>
        <translation>rhestru’r ffolderi e-bost</translation>
    </message>
    <message>
        <source>search {folder}</source>
        <translation>chwilio {folder}</translation>
    </message>
    <message>
        <source>open {folder}</source>
        <translation>agor {folder}</translation>
    </message>
    <message>
        <source>send the headers in {folder}</source>
        <translation>anfon y penawdau yn {folder}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Views of the group</source>
        <translation>Golygon y grŵp</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Aelodau</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Sgyrsiau</translation>
    </message>
    <message>
        <source>The group&apos;s members</source>
        <translation>Aelodau’r grŵp</translation>
    </message>
    <message>
        <source>The group&apos;s messages, and search</source>
        <translation>Negeseuon y grŵp, a chwilio</translation>
    </message>
    <message>
        <source>Pont is still running in the system tray, fetching and relaying the group’s mail. To quit, choose Quit from its icon’s menu.</source>
        <translation>Mae Pont yn dal i redeg yn hambwrdd y system, yn nôl ac yn trosglwyddo post y grŵp. I adael, dewiswch Gadael o ddewislen ei eicon.</translation>
    </message>
    <message>
        <source>Created {group} with {n} members from the conversation.</source>
        <translation>Crëwyd {group} gyda {n} aelod o’r sgwrs.</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Dadwneud</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Ail-wneud</translation>
    </message>
    <message>
        <source>&amp;Filter members</source>
        <translation>&amp;Hidlo aelodau</translation>
    </message>
    <message>
        <source>&amp;Search messages</source>
        <translation>Chwilio &amp;negeseuon</translation>
    </message>
    <message>
        <source>&amp;Members</source>
        <translation>&amp;Aelodau</translation>
    </message>
    <message>
        <source>&amp;Conversations</source>
        <translation>&amp;Sgyrsiau</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Gadael</translation>
    </message>
    <message>
        <source>Join and leave re&amp;quests…</source>
        <translation>&amp;Ceisiadau ymuno a gadael…</translation>
    </message>
    <message>
        <source>People who asked by email to join or leave</source>
        <translation>Pobl a ofynnodd drwy e-bost am gael ymuno neu adael</translation>
    </message>
    <message>
        <source>&amp;About Pont</source>
        <translation>&amp;Ynghylch Pont</translation>
    </message>
    <message>
        <source>New group from a &amp;conversation…</source>
        <translation>Grŵp newydd o &amp;sgwrs…</translation>
    </message>
    <message>
        <source>Start a group with the people of a reply-all conversation in your mailbox</source>
        <translation>Dechrau grŵp gyda phobl sgwrs ateb-pawb yn eich blwch post</translation>
    </message>
    <message>
        <source>The demo profile has no mailbox to search: this works in your own profile.</source>
        <translation>Does gan y proffil demo ddim blwch post i chwilio ynddo: mae hyn yn gweithio yn eich proffil eich hun.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Ffeil</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Golygu</translation>
    </message>
    <message>
        <source>&amp;Mark as</source>
        <translation>&amp;Marcio fel</translation>
    </message>
    <message>
        <source>&amp;Group</source>
        <translation>G&amp;rŵp</translation>
    </message>
    <message>
        <source>&amp;Post</source>
        <translation>&amp;Neges</translation>
    </message>
    <message>
        <source>&amp;Mail</source>
        <translation>&amp;E-bost</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Cymorth</translation>
    </message>
    <message>
        <source>Main tools</source>
        <translation>Prif offer</translation>
    </message>
    <message>
        <source>More tools</source>
        <translation>Rhagor o offer</translation>
    </message>
    <message>
        <source>More menus</source>
        <translation>Rhagor o ddewislenni</translation>
    </message>
    <message>
        <source>Opening your groups…</source>
        <translation>Yn agor eich grwpiau…</translation>
    </message>
    <message>
        <source>Member count</source>
        <translation>Nifer yr aelodau</translation>
    </message>
    <message>
        <source>Demo profile: sample members to try things on</source>
        <translation>Proffil demo: aelodau enghreifftiol i roi cynnig ar bethau</translation>
    </message>
    <message>
        <source>Demo profile</source>
        <translation>Proffil demo</translation>
    </message>
    <message>
        <source>Pont (demo)</source>
        <translation>Pont (demo)</translation>
    </message>
    <message>
        <source>{group} (demo) — Pont</source>
        <translation>{group} (demo) — Pont</translation>
    </message>
    <message>
        <source>{group} — Pont</source>
        <translation>{group} — Pont</translation>
    </message>
    <message>
        <source>Undone: {what}.</source>
        <translation>Dadwnaed: {what}.</translation>
    </message>
    <message>
        <source>Redone: {what}.</source>
        <translation>Ail-wnaed: {what}.</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>&amp;Dadwneud {what}</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>&amp;Ail-wneud {what}</translation>
    </message>
    <message>
        <source>About Pont</source>
        <translation>Ynghylch Pont</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Pont {version}&lt;/h3&gt;&lt;p&gt;&lt;i&gt;Pont&lt;/i&gt; is Welsh for &lt;i&gt;bridge&lt;/i&gt;.&lt;/p&gt;&lt;p&gt;Run an email group for knowledge sharing from your own computer and your own mailbox: no server, nothing for IT to install.&lt;/p&gt;&lt;p&gt;Free software under the GNU GPL, version 3 or later.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Pont {version}&lt;/h3&gt;&lt;p&gt;Ystyr &lt;i&gt;Pont&lt;/i&gt; yn Saesneg yw &lt;i&gt;bridge&lt;/i&gt;.&lt;/p&gt;&lt;p&gt;Rhedwch grŵp e-bost i rannu gwybodaeth o’ch cyfrifiadur a’ch blwch post eich hun: dim gweinydd, dim byd i’r adran TG ei osod.&lt;/p&gt;&lt;p&gt;Meddalwedd rydd o dan y GNU GPL, fersiwn 3 neu ddiweddarach.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MappingHeader</name>
    <message>
        <source>What the column “{heading}” holds</source>
        <translation>Beth sydd yn y golofn “{heading}”</translation>
    </message>
</context>
<context>
    <name>MemberActions</name>
    <message>
        <source>&amp;Add member…</source>
        <translation>&amp;Ychwanegu aelod…</translation>
    </message>
    <message>
        <source>Add one person to the group</source>
        <translation>Ychwanegu un person at y grŵp</translation>
    </message>
    <message>
        <source>&amp;Edit member…</source>
        <translation>&amp;Golygu aelod…</translation>
    </message>
    <message>
        <source>Change all of a member’s details; F2 changes one cell</source>
        <translation>Newid holl fanylion aelod; mae F2 yn newid un gell</translation>
    </message>
    <message>
        <source>Remove the selected members (you can undo this)</source>
        <translation>Tynnu’r aelodau a ddewiswyd (gallwch ddadwneud hyn)</translation>
    </message>
    <message>
        <source>&amp;Copy addresses</source>
        <translation>&amp;Copïo cyfeiriadau</translation>
    </message>
    <message>
        <source>Copy the selected (or all active) members’ addresses to paste into an email</source>
        <translation>Copïo cyfeiriadau’r aelodau a ddewiswyd (neu’r holl aelodau gweithredol) i’w gludo mewn e-bost</translation>
    </message>
    <message>
        <source>Mark as &amp;active</source>
        <translation>Marcio fel &amp;gweithredol</translation>
    </message>
    <message>
        <source>Mark as &amp;paused</source>
        <translation>Marcio fel wedi &amp;oedi</translation>
    </message>
    <message>
        <source>Mark as &amp;left</source>
        <translation>Marcio fel wedi g&amp;adael</translation>
    </message>
    <message>
        <source>Send the group’s mail again to the selected members whose mail kept bouncing</source>
        <translation>Anfon post y grŵp eto at yr aelodau a ddewiswyd y mae eu post yn dal i fownsio</translation>
    </message>
    <message>
        <source>Erase personal &amp;data…</source>
        <translation>Dileu data &amp;personol yn llwyr…</translation>
    </message>
    <message>
        <source>Pu&amp;t first name first</source>
        <translation>&amp;Rhoi’r enw cyntaf yn gyntaf</translation>
    </message>
    <message>
        <source>Turn names written surname first round: Evans, Dai becomes Dai Evans</source>
        <translation>Troi enwau sydd â’r cyfenw yn gyntaf: daw Evans, Dai yn Dai Evans</translation>
    </message>
    <message>
        <source>Add {who}</source>
        <translation>Ychwanegu {who}</translation>
    </message>
    <message>
        <source>Added {who} to {group}.</source>
        <translation>Ychwanegwyd {who} at {group}.</translation>
    </message>
    <message>
        <source>Edit {who}</source>
        <translation>Golygu {who}</translation>
    </message>
    <message>
        <source>Saved {who}.</source>
        <translation>Cadwyd {who}.</translation>
    </message>
    <message>
        <source>Remove {who}</source>
        <translation>Tynnu {who}</translation>
    </message>
    <message>
        <source>Removed {who} from {group}. Undo with {keys}.</source>
        <translation>Tynnwyd {who} o {group}. Pwyswch {keys} i ddadwneud.</translation>
    </message>
    <message>
        <source>Removed {count} members from {group}. Undo with {keys}.</source>
        <translation>Tynnwyd {count} aelod o {group}. Pwyswch {keys} i ddadwneud.</translation>
    </message>
    <message>
        <source>Mark {who} as active</source>
        <translation>Marcio {who} fel gweithredol</translation>
    </message>
    <message>
        <source>Mark {count} members as active</source>
        <translation>Marcio {count} aelod fel gweithredol</translation>
    </message>
    <message>
        <source>Mark {who} as paused</source>
        <translation>Marcio {who} fel wedi oedi</translation>
    </message>
    <message>
        <source>Mark {count} members as paused</source>
        <translation>Marcio {count} aelod fel wedi oedi</translation>
    </message>
    <message>
        <source>Mark {who} as left</source>
        <translation>Marcio {who} fel wedi gadael</translation>
    </message>
    <message>
        <source>Mark {count} members as left</source>
        <translation>Marcio {count} aelod fel wedi gadael</translation>
    </message>
    <message>
        <source>Put {who}’s first name first</source>
        <translation>Rhoi enw cyntaf {who} yn gyntaf</translation>
    </message>
    <message>
        <source>Put first names first for {count} members</source>
        <translation>Rhoi’r enwau cyntaf yn gyntaf i {count} aelod</translation>
    </message>
    <message>
        <source>Deliver to {who} again</source>
        <translation>Danfon at {who} eto</translation>
    </message>
    <message>
        <source>Deliver to {count} members again</source>
        <translation>Danfon at {count} aelod eto</translation>
    </message>
    <message>
        <source>Copied the address of the one active member shown. Select rows to copy particular people.</source>
        <translation>Copïwyd cyfeiriad yr un aelod gweithredol sydd i’w weld. Dewiswch resi i gopïo pobl benodol.</translation>
    </message>
    <message>
        <source>Copied the addresses of the {count} active members shown. Select rows to copy particular people.</source>
        <translation>Copïwyd cyfeiriadau’r {count} aelod gweithredol sydd i’w gweld. Dewiswch resi i gopïo pobl benodol.</translation>
    </message>
    <message>
        <source>Their address, name, organisation, tags, notes, the history of changes to them, their consents, bounces and join or leave requests are deleted from this computer for good. This cannot be undone.

Messages they wrote to the group stay in your mailbox and in Pont’s archive of it; delete those in your mail program if they ask.

If they only want to stop receiving the group’s mail, use “Mark as left” instead.</source>
        <translation>Bydd eu cyfeiriad, eu henw, eu sefydliad, eu tagiau, eu nodiadau, hanes y newidiadau iddyn nhw, eu cydsyniadau, yr adroddiadau methu danfon amdanyn nhw a’u ceisiadau i ymuno neu adael yn cael eu dileu’n llwyr o’r cyfrifiadur hwn. Does dim modd dadwneud hyn.

Mae’r negeseuon a ysgrifennon nhw at y grŵp yn aros yn eich blwch post ac yn archif Pont ohono; dilëwch y rheini yn eich rhaglen e-bost os ydyn nhw’n gofyn.

Os mai dim ond peidio â chael negeseuon e-bost y grŵp maen nhw eisiau, defnyddiwch “Marcio fel wedi gadael” yn lle hynny.</translation>
    </message>
    <message>
        <source>Ask for co&amp;nsent…</source>
        <translation>Gofyn am gyd&amp;syniad…</translation>
    </message>
    <message>
        <source>Email the selected members asking them to agree to a roster members can see</source>
        <translation>Anfon e-bost at yr aelodau a ddewiswyd yn gofyn iddyn nhw gytuno i restr aelodau y gall yr aelodau ei gweld</translation>
    </message>
    <message>
        <source>Record consent given another &amp;way…</source>
        <translation>Cofnodi cydsyniad a roddwyd mewn &amp;ffordd arall…</translation>
    </message>
    <message>
        <source>They agreed on paper, by phone or in person: note how</source>
        <translation>Fe gytunon nhw ar bapur, dros y ffôn neu wyneb yn wyneb: nodwch sut</translation>
    </message>
    <message>
        <source>E&amp;xport what Pont holds about them…</source>
        <translation>Allf&amp;orio’r hyn sydd gan Pont amdanyn nhw…</translation>
    </message>
    <message>
        <source>Write everything Pont keeps about this member to a file, for them</source>
        <translation>Ysgrifennu popeth y mae Pont yn ei gadw am yr aelod hwn i ffeil, ar eu cyfer nhw</translation>
    </message>
    <message>
        <source>Ask {who} to agree to a roster members can see?</source>
        <translation>Gofyn i {who} gytuno i restr aelodau y gall yr aelodau ei gweld?</translation>
    </message>
    <message>
        <source>Ask these {count} members to agree to a roster members can see?</source>
        <translation>Gofyn i’r {count} aelod hyn gytuno i restr aelodau y gall yr aelodau ei gweld?</translation>
    </message>
    <message>
        <source>Pont emails each a message saying that the group’s members can see each other’s names and addresses. They agree by answering it, and the Consent column then says so. Members who have agreed already, and those paused or gone, are not asked.</source>
        <translation>Mae Pont yn anfon neges e-bost at bob un yn dweud bod aelodau’r grŵp yn gallu gweld enwau a chyfeiriadau ei gilydd. Maen nhw’n cytuno drwy ei hateb, ac yna mae’r golofn Cydsyniad yn dweud hynny. Ni ofynnir i aelodau sydd wedi cytuno’n barod, nac i’r rhai sydd wedi’u seibio neu wedi gadael.</translation>
    </message>
    <message>
        <source>Ask for consent</source>
        <translation>Gofyn am gydsyniad</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Gofyn</translation>
    </message>
    <message>
        <source>Asked one member for consent.</source>
        <translation>Wedi gofyn i un aelod am gydsyniad.</translation>
    </message>
    <message>
        <source>Asked {count} members for consent.</source>
        <translation>Wedi gofyn i {count} aelod am gydsyniad.</translation>
    </message>
    <message>
        <source>{count} had agreed already.</source>
        <translation>Roedd {count} wedi cytuno’n barod.</translation>
    </message>
    <message>
        <source>Record consent</source>
        <translation>Cofnodi cydsyniad</translation>
    </message>
    <message>
        <source>How did {who} agree to a roster members can see? (For example: signed the form at the March meeting.)</source>
        <translation>Sut y cytunodd {who} i restr aelodau y gall yr aelodau ei gweld? (Er enghraifft: llofnodi’r ffurflen yng nghyfarfod mis Mawrth.)</translation>
    </message>
    <message>
        <source>Recorded {who}’s consent.</source>
        <translation>Wedi cofnodi cydsyniad {who}.</translation>
    </message>
    <message>
        <source>Export what Pont holds about {who}</source>
        <translation>Allforio’r hyn sydd gan Pont am {who}</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Ffeiliau JSON (*.json)</translation>
    </message>
    <message>
        <source>Wrote what Pont holds about {who} to {file}. Messages they wrote stay in your mailbox and the archive; the file lists them.</source>
        <translation>Wedi ysgrifennu’r hyn sydd gan Pont am {who} i {file}. Mae’r negeseuon a ysgrifennon nhw yn aros yn eich blwch post ac yn yr archif; mae’r ffeil yn eu rhestru.</translation>
    </message>
    <message>
        <source>Remove {count} members</source>
        <translation>Tynnu {count} aelod</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>&amp;Tynnu</translation>
    </message>
    <message>
        <source>Deliver to t&amp;hem again</source>
        <translation>Danfon atyn nhw &amp;eto</translation>
    </message>
    <message>
        <source>Copied 1 address, ready to paste into an email.</source>
        <translation>Copïwyd 1 cyfeiriad, yn barod i’w gludo mewn e-bost.</translation>
    </message>
    <message>
        <source>Copied {count} addresses, ready to paste into an email.</source>
        <translation>Copïwyd {count} cyfeiriad, yn barod i’w gludo mewn e-bost.</translation>
    </message>
    <message>
        <source>There are no active members to copy.</source>
        <translation>Does dim aelodau gweithredol i’w copïo.</translation>
    </message>
    <message>
        <source>Erase everything Pont holds about {who}?</source>
        <translation>Dileu popeth sydd gan Pont am {who} yn llwyr?</translation>
    </message>
    <message>
        <source>Erase everything Pont holds about these {count} members?</source>
        <translation>Dileu popeth sydd gan Pont am y {count} aelod hyn yn llwyr?</translation>
    </message>
    <message>
        <source>Erase personal data</source>
        <translation>Dileu data personol yn llwyr</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Dileu’n llwyr</translation>
    </message>
    <message>
        <source>Erased the personal data of {count} members.</source>
        <translation>Dilëwyd data personol {count} aelod yn llwyr.</translation>
    </message>
    <message>
        <source>Erased the personal data of one member.</source>
        <translation>Dilëwyd data personol un aelod yn llwyr.</translation>
    </message>
</context>
<context>
    <name>MemberCommands</name>
    <message>
        <source>Could not redo “{what}”: {reason}</source>
        <translation>Nid oedd modd ail-wneud “{what}”: {reason}</translation>
    </message>
    <message>
        <source>Could not undo “{what}”: {reason}</source>
        <translation>Nid oedd modd dadwneud “{what}”: {reason}</translation>
    </message>
    <message>
        <source>the members changed in the meantime.</source>
        <translation>newidiodd yr aelodau yn y cyfamser.</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>Add a member to {group}</source>
        <translation>Ychwanegu aelod at {group}</translation>
    </message>
    <message>
        <source>Edit member of {group}</source>
        <translation>Golygu aelod o {group}</translation>
    </message>
    <message>
        <source>Email address (required)</source>
        <translation>Cyfeiriad e-bost (gofynnol)</translation>
    </message>
    <message>
        <source>name@example.org</source>
        <translation>enw@example.org</translation>
    </message>
    <message>
        <source>Email address check</source>
        <translation>Gwirio’r cyfeiriad e-bost</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Enw</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Sefydliad</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tagiau</translation>
    </message>
    <message>
        <source>Separate tags with commas, e.g. NHS, rural</source>
        <translation>Gwahanwch dagiau â choma, e.e. GIG, gwledig</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statws</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Nodiadau</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-bost:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>E&amp;nw:</translation>
    </message>
    <message>
        <source>O&amp;rganisation:</source>
        <translation>&amp;Sefydliad:</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>&amp;Tagiau:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>St&amp;atws:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>Nod&amp;iadau:</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Cadw’r newidiadau</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>Ychwanegu aelod</translation>
    </message>
    <message>
        <source>Required: the address Pont sends the group’s mail to.</source>
        <translation>Gofynnol: y cyfeiriad y mae Pont yn anfon negeseuon e-bost y grŵp iddo.</translation>
    </message>
</context>
<context>
    <name>MemberItemDelegate</name>
    <message>
        <source>Separate tags with commas</source>
        <translation>Gwahanwch dagiau â choma</translation>
    </message>
    <message>
        <source>{problem} Press Enter when it is right, or Esc to leave it as it was.</source>
        <translation>{problem} Pwyswch Enter pan fydd yn gywir, neu Esc i’w adael fel yr oedd.</translation>
    </message>
    <message>
        <source>The address was not changed. {problem}</source>
        <translation>Ni newidiwyd y cyfeiriad. {problem}</translation>
    </message>
</context>
<context>
    <name>Members</name>
    <message>
        <source>Member {number}</source>
        <translation>Aelod {number}</translation>
    </message>
    <message>
        <source>Could not write {file}: {reason}.</source>
        <translation>Nid oedd modd ysgrifennu {file}: {reason}.</translation>
    </message>
</context>
<context>
    <name>MembersTable</name>
    <message>
        <source>Members</source>
        <translation>Aelodau</translation>
    </message>
    <message>
        <source>One row per member. Enter or F2 edits a cell or opens the member; the Edit and Group menus hold the other actions</source>
        <translation>Un rhes i bob aelod. Mae Enter neu F2 yn golygu cell neu’n agor yr aelod; mae’r camau eraill yn y dewislenni Golygu a Grŵp</translation>
    </message>
</context>
<context>
    <name>MembersTableModel</name>
    <message>
        <source>Name</source>
        <translation>Enw</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-bost</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Sefydliad</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statws</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tagiau</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Ymunodd</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>Negeseuon</translation>
    </message>
    <message>
        <source>Last post</source>
        <translation>Neges olaf</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Cydsyniad</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Nodiadau</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Gweithredol</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Wedi oedi</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Wedi gadael</translation>
    </message>
    <message>
        <source>Bouncing</source>
        <translation>Yn bownsio</translation>
    </message>
    <message>
        <source>Given {day}</source>
        <translation>Rhoddwyd {day}</translation>
    </message>
    <message>
        <source>Asked {day}</source>
        <translation>Gofynnwyd {day}</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Dim eto</translation>
    </message>
    <message>
        <source>Agreed by answering the confirmation to join</source>
        <translation>Wedi cytuno drwy ateb y cadarnhad i ymuno</translation>
    </message>
    <message>
        <source>Agreed by answering a consent request</source>
        <translation>Wedi cytuno drwy ateb cais am gydsyniad</translation>
    </message>
    <message>
        <source>Recorded by you</source>
        <translation>Wedi’i gofnodi gennych chi</translation>
    </message>
    <message>
        <source>Asked for consent; no answer yet</source>
        <translation>Gofynnwyd am gydsyniad; dim ateb eto</translation>
    </message>
    <message>
        <source>Has not agreed to a roster members can see</source>
        <translation>Heb gytuno i restr aelodau y gall yr aelodau ei gweld</translation>
    </message>
</context>
<context>
    <name>MembersView</name>
    <message>
        <source>Filter members…</source>
        <translation>Hidlo aelodau…</translation>
    </message>
    <message>
        <source>Filter members</source>
        <translation>Hidlo aelodau</translation>
    </message>
    <message>
        <source>Shows only members whose name, address, organisation or tags contain the words</source>
        <translation>Yn dangos dim ond aelodau y mae eu henw, eu cyfeiriad, eu sefydliad neu eu tagiau’n cynnwys y geiriau</translation>
    </message>
    <message>
        <source>Clear the filter</source>
        <translation>Clirio’r hidlydd</translation>
    </message>
    <message>
        <source>No members match</source>
        <translation>Does dim aelodau’n cyfateb</translation>
    </message>
    <message>
        <source>No members yet</source>
        <translation>Dim aelodau eto</translation>
    </message>
    <message>
        <source>Add members or import a list.</source>
        <translation>Ychwanegwch aelodau neu mewnforiwch restr.</translation>
    </message>
    <message>
        <source>Add member…</source>
        <translation>Ychwanegu aelod…</translation>
    </message>
    <message>
        <source>Import a list…</source>
        <translation>Mewnforio rhestr…</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Aelodau</translation>
    </message>
    <message>
        <source>Members of {group}</source>
        <translation>Aelodau {group}</translation>
    </message>
    <message>
        <source>Show them</source>
        <translation>Dangos nhw</translation>
    </message>
    <message>
        <source>Right-click and choose “Deliver to them again”, or leave delivery paused.</source>
        <translation>De-gliciwch a dewis “Danfon atyn nhw eto”, neu gadewch y danfon wedi’i oedi.</translation>
    </message>
    <message>
        <source>{who}’s mail keeps bouncing: delivery to them is paused.</source>
        <translation>Mae post {who} yn dal i fownsio: mae danfon atyn nhw wedi’i oedi.</translation>
    </message>
    <message>
        <source>{count} members’ mail keeps bouncing: delivery to them is paused.</source>
        <translation>Mae post {count} aelod yn dal i fownsio: mae danfon atyn nhw wedi’i oedi.</translation>
    </message>
    <message>
        <source>Add members to {group} one by one, or import a list from a spreadsheet, your address book or a pasted list of addresses.</source>
        <translation>Ychwanegwch aelodau at {group} fesul un, neu mewnforiwch restr o daenlen, o’ch llyfr cyfeiriadau neu o restr o gyfeiriadau rydych wedi’i gludo.</translation>
    </message>
    <message>
        <source>No members match “{text}”</source>
        <translation>Does dim aelodau’n cyfateb i “{text}”</translation>
    </message>
    <message>
        <source>Try fewer letters, or clear the filter to see everyone.</source>
        <translation>Rhowch gynnig ar lai o lythrennau, neu cliriwch yr hidlydd i weld pawb.</translation>
    </message>
    <message>
        <source>{shown} of {total} members shown</source>
        <translation>Yn dangos {shown} o {total} aelod</translation>
    </message>
    <message>
        <source>1 member · {active} active</source>
        <translation>1 aelod · {active} gweithredol</translation>
    </message>
    <message>
        <source>{total} members · {active} active</source>
        <translation>{total} aelod · {active} gweithredol</translation>
    </message>
    <message>
        <source>Member actions</source>
        <translation>Camau ar gyfer aelodau</translation>
    </message>
</context>
<context>
    <name>MessageReader</name>
    <message>
        <source>Conversation</source>
        <translation>Sgwrs</translation>
    </message>
    <message>
        <source>The messages of the chosen conversation, oldest first. Tab moves between its links (quoted text, images, attachments) and Enter follows one</source>
        <translation>Negeseuon y sgwrs a ddewiswyd, yr hynaf yn gyntaf. Mae Tab yn symud rhwng ei dolenni (testun a ddyfynnwyd, delweddau, atodiadau) ac mae Enter yn dilyn un</translation>
    </message>
    <message>
        <source>Choose a conversation to read it here.</source>
        <translation>Dewiswch sgwrs i’w darllen yma.</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(dim pwnc)</translation>
    </message>
    <message>
        <source>1 message</source>
        <translation>1 neges</translation>
    </message>
    <message>
        <source>{n} messages</source>
        <translation>{n} neges</translation>
    </message>
    <message>
        <source>Unknown sender</source>
        <translation>Anfonwr anhysbys</translation>
    </message>
    <message>
        <source>To {people}</source>
        <translation>At {people}</translation>
    </message>
    <message>
        <source>Reply to group</source>
        <translation>Ateb y grŵp</translation>
    </message>
    <message>
        <source>Reply to sender</source>
        <translation>Ateb yr anfonwr</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Anfon ymlaen</translation>
    </message>
    <message>
        <source>Pont could not read all of this message: some of its text may be missing or wrong.</source>
        <translation>Methodd Pont â darllen y neges hon i gyd: efallai fod peth o’i thestun ar goll neu’n anghywir.</translation>
    </message>
    <message>
        <source>Only the beginning of this long message is shown.</source>
        <translation>Dim ond dechrau’r neges hir hon sy’n cael ei ddangos.</translation>
    </message>
    <message>
        <source>Save the message as received…</source>
        <translation>Cadw’r neges fel y daeth i law…</translation>
    </message>
    <message>
        <source>Remote images blocked.</source>
        <translation>Mae delweddau o bell wedi’u rhwystro.</translation>
    </message>
    <message>
        <source>Pont never loads pictures from the internet, so the sender cannot tell when you read this.</source>
        <translation>Nid yw Pont byth yn llwytho lluniau o’r rhyngrwyd, felly ni all yr anfonwr wybod pryd rydych chi’n ei darllen.</translation>
    </message>
    <message>
        <source>Show quoted text</source>
        <translation>Dangos y testun a ddyfynnwyd</translation>
    </message>
    <message>
        <source>Hide quoted text</source>
        <translation>Cuddio’r testun a ddyfynnwyd</translation>
    </message>
    <message>
        <source>attachment</source>
        <translation>atodiad</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Cadw…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Agor</translation>
    </message>
</context>
<context>
    <name>MicrosoftConnect</name>
    <message>
        <source>Your organisation lets only an administrator allow Pont to read your mailbox. Signing in again so that Pont can at least send the group’s posts…</source>
        <translation>Dim ond gweinyddwr y mae eich sefydliad yn ei adael i ganiatáu i Pont ddarllen eich blwch post. Yn mewngofnodi eto fel y gall Pont o leiaf anfon negeseuon y grŵp…</translation>
    </message>
    <message>
        <source>Your organisation does not let mail programs send over SMTP. Signing in again so that Pont can send through Microsoft Graph instead…</source>
        <translation>Nid yw eich sefydliad yn gadael i raglenni e-bost anfon dros SMTP. Yn mewngofnodi eto fel y gall Pont anfon drwy Microsoft Graph yn lle hynny…</translation>
    </message>
    <message>
        <source>Pont cannot read your mailbox over IMAP. Signing in again so that Pont can read it through Microsoft Graph instead…</source>
        <translation>Ni all Pont ddarllen eich blwch post dros IMAP. Yn mewngofnodi eto fel y gall Pont ei ddarllen drwy Microsoft Graph yn lle hynny…</translation>
    </message>
</context>
<context>
    <name>MicrosoftSignIn</name>
    <message>
        <source>read your mailbox over IMAP</source>
        <translation>darllen eich blwch post dros IMAP</translation>
    </message>
    <message>
        <source>send mail over SMTP</source>
        <translation>anfon e-bost dros SMTP</translation>
    </message>
    <message>
        <source>send mail through Microsoft Graph</source>
        <translation>anfon e-bost drwy Microsoft Graph</translation>
    </message>
    <message>
        <source>read your mail through Microsoft Graph</source>
        <translation>darllen eich e-bost drwy Microsoft Graph</translation>
    </message>
    <message>
        <source>it did not answer in time</source>
        <translation>ni atebodd mewn pryd</translation>
    </message>
    <message>
        <source>its certificate could not be verified</source>
        <translation>nid oedd modd gwirio ei dystysgrif</translation>
    </message>
    <message>
        <source>no connection</source>
        <translation>dim cysylltiad</translation>
    </message>
    <message>
        <source>Signing in without a browser on this computer (a fallback your organisation may not allow): on a phone or another computer, open {address} and enter the code {code}.</source>
        <translation>Mewngofnodi heb borwr ar y cyfrifiadur hwn (dewis wrth gefn efallai na fydd eich sefydliad yn ei ganiatáu): ar ffôn neu gyfrifiadur arall, agorwch {address} a rhowch y cod {code}.</translation>
    </message>
</context>
<context>
    <name>NoticeEditor</name>
    <message>
        <source>Your welcome message</source>
        <translation>Eich neges groeso</translation>
    </message>
    <message>
        <source>Your goodbye message</source>
        <translation>Eich neges ffarwel</translation>
    </message>
    <message>
        <source>Empty: Pont’s own wording, shown below. Type here to write your own.</source>
        <translation>Gwag: geiriad Pont ei hun, a ddangosir isod. Teipiwch yma i ysgrifennu eich geiriad eich hun.</translation>
    </message>
    <message>
        <source>&amp;Start from Pont’s wording</source>
        <translation>&amp;Dechrau o eiriad Pont</translation>
    </message>
    <message>
        <source>Puts Pont’s own wording in the box, to change as you like</source>
        <translation>Yn rhoi geiriad Pont ei hun yn y blwch, i’w newid fel y mynnwch</translation>
    </message>
    <message>
        <source>{name}: the member’s name · {group}: the group’s name · {post}: how to write to the group · {leave}: how to leave. With both languages, put the Welsh above a line of five dashes (-----) and the English below it.</source>
        <translation>{name}: enw’r aelod · {group}: enw’r grŵp · {post}: sut i ysgrifennu at y grŵp · {leave}: sut i adael. Gyda’r ddwy iaith, rhowch y Gymraeg uwchben llinell o bum cysylltnod (-----) a’r Saesneg oddi tani.</translation>
    </message>
    <message>
        <source>Problem with the wording</source>
        <translation>Problem gyda’r geiriad</translation>
    </message>
    <message>
        <source>Preview of the welcome message</source>
        <translation>Rhagolwg o’r neges groeso</translation>
    </message>
    <message>
        <source>Preview of the goodbye message</source>
        <translation>Rhagolwg o’r neges ffarwel</translation>
    </message>
    <message>
        <source>&amp;Your wording:</source>
        <translation>&amp;Eich geiriad:</translation>
    </message>
    <message>
        <source>What {name} would get:</source>
        <translation>Beth fyddai {name} yn ei gael:</translation>
    </message>
    <message>
        <source>Subject: {subject}</source>
        <translation>Pwnc: {subject}</translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <source>Nobody would receive this post: the group has no active members.</source>
        <translation>Ni fyddai neb yn cael y neges hon: nid oes gan y grŵp aelodau gweithredol.</translation>
    </message>
    <message>
        <source>This post is already in the outbox.</source>
        <translation>Mae’r neges hon yn y Blwch Allan eisoes.</translation>
    </message>
    <message>
        <source>A message must be allowed at least one recipient.</source>
        <translation>Rhaid caniatáu o leiaf un derbynnydd i bob neges.</translation>
    </message>
    <message>
        <source>{count:,} recipients in {batches} batches of up to {size}, spread over {days} days.</source>
        <translation>{count:,} derbynnydd mewn {batches} swp o hyd at {size} yr un, dros {days} diwrnod.</translation>
    </message>
    <message>
        <source>{count:,} recipients in {batches} batches of up to {size}.</source>
        <translation>{count:,} derbynnydd mewn {batches} swp o hyd at {size} yr un.</translation>
    </message>
    <message>
        <source>1 recipient in one message, spread over {days} days.</source>
        <translation>1 derbynnydd mewn un neges, dros {days} diwrnod.</translation>
    </message>
    <message>
        <source>1 recipient in one message.</source>
        <translation>1 derbynnydd mewn un neges.</translation>
    </message>
    <message>
        <source>{count:,} recipients in one message, spread over {days} days.</source>
        <translation>{count:,} derbynnydd mewn un neges, dros {days} diwrnod.</translation>
    </message>
    <message>
        <source>{count:,} recipients in one message.</source>
        <translation>{count:,} derbynnydd mewn un neges.</translation>
    </message>
    <message>
        <source>Today&apos;s allowance: 1 recipient left of {limit:,} in 24 hours.</source>
        <translation>Lwfans heddiw: 1 derbynnydd ar ôl o {limit:,} mewn 24 awr.</translation>
    </message>
    <message>
        <source>Today&apos;s allowance: {count:,} recipients left of {limit:,} in 24 hours.</source>
        <translation>Lwfans heddiw: {count:,} derbynnydd ar ôl o {limit:,} mewn 24 awr.</translation>
    </message>
    <message>
        <source>1 message left of {limit:,} today.</source>
        <translation>1 neges ar ôl o {limit:,} heddiw.</translation>
    </message>
    <message>
        <source>{count:,} messages left of {limit:,} today.</source>
        <translation>{count:,} neges ar ôl o {limit:,} heddiw.</translation>
    </message>
    <message>
        <source>1 batch will wait for the allowance to refill; the last goes after {last:%a %d %b %H:%M}.</source>
        <translation>Bydd 1 swp yn aros i’r lwfans ail-lenwi; bydd yn mynd ar ôl {last:%a %d %b %H:%M}.</translation>
    </message>
    <message>
        <source>{count:,} batches will wait for the allowance to refill; the last goes after {last:%a %d %b %H:%M}.</source>
        <translation>Bydd {count:,} swp yn aros i’r lwfans ail-lenwi; bydd yr olaf yn mynd ar ôl {last:%a %d %b %H:%M}.</translation>
    </message>
    <message>
        <source>It had not gone: it goes again.</source>
        <translation>Nid oedd wedi mynd: bydd yn mynd eto.</translation>
    </message>
    <message>
        <source>Its receipt reached your Inbox: it had gone.</source>
        <translation>Cyrhaeddodd ei dderbynneb eich Blwch Derbyn: roedd wedi mynd.</translation>
    </message>
    <message>
        <source>Found in the Sent folder: it had gone.</source>
        <translation>Wedi’i ganfod yn y ffolder Eitemau a Anfonwyd: roedd wedi mynd.</translation>
    </message>
    <message>
        <source>It is not in Sent Items: it goes again.</source>
        <translation>Nid yw yn yr Eitemau a Anfonwyd: bydd yn mynd eto.</translation>
    </message>
    <message>
        <source>No receipt reached your Inbox: it goes again.</source>
        <translation>Ni chyrhaeddodd derbynneb eich Blwch Derbyn: bydd yn mynd eto.</translation>
    </message>
    <message>
        <source>Waiting for the provider&apos;s daily allowance to refill.</source>
        <translation>Yn aros i lwfans dyddiol y darparwr ail-lenwi.</translation>
    </message>
    <message>
        <source>Refused: {refused}.</source>
        <translation>Gwrthodwyd: {refused}.</translation>
    </message>
    <message>
        <source>The server asked Pont to try later (the server said: {answer}); it will, after {time:%H:%M}.</source>
        <translation>Gofynnodd y gweinydd i Pont roi cynnig arall arni yn nes ymlaen (dywedodd y gweinydd: {answer}); bydd yn gwneud hynny ar ôl {time:%H:%M}.</translation>
    </message>
    <message>
        <source>The server asked Pont to try later; it will, after {time:%H:%M}.</source>
        <translation>Gofynnodd y gweinydd i Pont roi cynnig arall arni yn nes ymlaen; bydd yn gwneud hynny ar ôl {time:%H:%M}.</translation>
    </message>
    <message>
        <source>The server kept refusing this batch for now ({answer}); Pont stopped trying. Use Retry to send it again.</source>
        <translation>Roedd y gweinydd yn dal i wrthod y swp hwn am y tro ({answer}); rhoddodd Pont y gorau iddi. Dewiswch Rhoi cynnig arall ar fethiannau i’w anfon eto.</translation>
    </message>
    <message>
        <source>The server refused this batch: {answer}.</source>
        <translation>Gwrthododd y gweinydd y swp hwn: {answer}.</translation>
    </message>
    <message>
        <source>1 batch could not be sent.</source>
        <translation>Nid oedd modd anfon 1 swp.</translation>
    </message>
    <message>
        <source>{count:,} batches could not be sent.</source>
        <translation>Nid oedd modd anfon {count:,} swp.</translation>
    </message>
    <message>
        <source>1 address refused by the server.</source>
        <translation>Gwrthododd y gweinydd 1 cyfeiriad.</translation>
    </message>
    <message>
        <source>{count:,} addresses refused by the server.</source>
        <translation>Gwrthododd y gweinydd {count:,} cyfeiriad.</translation>
    </message>
    <message>
        <source>Pont found no Sent folder in your mailbox, so it kept no copy there.</source>
        <translation>Ni ddaeth Pont o hyd i ffolder Eitemau a Anfonwyd yn eich blwch post, felly ni chadwodd gopi yno.</translation>
    </message>
    <message>
        <source>Your mail server cannot send to an address with letters beyond A to Z (it does not offer SMTPUTF8). Ask this member for another address, or send through a provider that can.</source>
        <translation>Ni all eich gweinydd e-bost anfon at gyfeiriad sydd â llythrennau y tu hwnt i A i Z (nid yw’n cynnig SMTPUTF8). Gofynnwch i’r aelod hwn am gyfeiriad arall, neu anfonwch drwy ddarparwr sy’n gallu gwneud hynny.</translation>
    </message>
    <message>
        <source>Your own address has letters beyond A to Z, and your mail server cannot send from it (it does not offer SMTPUTF8). Send through a provider that can.</source>
        <translation>Mae llythrennau y tu hwnt i A i Z yn eich cyfeiriad chi, ac ni all eich gweinydd e-bost anfon ohono (nid yw’n cynnig SMTPUTF8). Anfonwch drwy ddarparwr sy’n gallu gwneud hynny.</translation>
    </message>
    <message>
        <source>the connection dropped</source>
        <translation>torrodd y cysylltiad</translation>
    </message>
    <message>
        <source>This batch cannot go through Microsoft 365: the post&apos;s To line names people who already had it, and Microsoft 365 would send it to them again.</source>
        <translation>Ni all y swp hwn fynd drwy Microsoft 365: mae llinell At y neges yn enwi pobl sydd wedi’i chael eisoes, a byddai Microsoft 365 yn ei hanfon atynt eto.</translation>
    </message>
    <message>
        <source>Sending through Microsoft 365 needs Microsoft&apos;s sign-in, not a password: sign in with Microsoft for this account.</source>
        <translation>Mae anfon drwy Microsoft 365 yn gofyn am fewngofnodi Microsoft, nid cyfrinair: mewngofnodwch gyda Microsoft ar gyfer y cyfrif hwn.</translation>
    </message>
</context>
<context>
    <name>OutboxDialog</name>
    <message>
        <source>Outbox — Pont</source>
        <translation>Blwch Allan — Pont</translation>
    </message>
    <message>
        <source>Posts in the outbox</source>
        <translation>Negeseuon yn y Blwch Allan</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Neges</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grŵp</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Cyflwr</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Derbynwyr</translation>
    </message>
    <message>
        <source>What happened to the post</source>
        <translation>Beth ddigwyddodd i’r neges</translation>
    </message>
    <message>
        <source>Sending progress</source>
        <translation>Cynnydd anfon</translation>
    </message>
    <message>
        <source>The outbox is empty: posts you send appear here until they have gone.</source>
        <translation>Mae’r Blwch Allan yn wag: bydd y negeseuon rydych chi’n eu hanfon yn ymddangos yma nes iddyn nhw fynd.</translation>
    </message>
    <message>
        <source>Re&amp;sume</source>
        <translation>&amp;Ailddechrau</translation>
    </message>
    <message>
        <source>Send what is waiting now</source>
        <translation>Anfon yr hyn sy’n aros nawr</translation>
    </message>
    <message>
        <source>&amp;Retry failed</source>
        <translation>&amp;Rhoi cynnig arall ar fethiannau</translation>
    </message>
    <message>
        <source>Send again to the batches and addresses that failed</source>
        <translation>Anfon eto i’r sypiau a’r cyfeiriadau a fethodd</translation>
    </message>
    <message>
        <source>&amp;Cancel post</source>
        <translation>&amp;Canslo’r neges</translation>
    </message>
    <message>
        <source>Send no more of this post</source>
        <translation>Peidio ag anfon rhagor o’r neges hon</translation>
    </message>
    <message>
        <source>{state}: {problem}</source>
        <translation>{state}: {problem}</translation>
    </message>
    <message>
        <source>Batch {n}</source>
        <translation>Swp {n}</translation>
    </message>
    <message>
        <source>Refused: {reason}</source>
        <translation>Gwrthodwyd: {reason}</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Yn aros</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Yn anfon</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Wedi’i anfon</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Wedi methu</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Wedi’i ganslo</translation>
    </message>
    <message>
        <source>Sent to {done} of {count} members so far; the rest follows, batch by batch, paced as your provider wants.</source>
        <translation>Anfonwyd at {done} o {count} aelod hyd yma; daw’r gweddill, fesul swp, ar y cyflymder y mae’ch darparwr yn ei ddymuno.</translation>
    </message>
    <message>
        <source>“{subject}”: {progress}</source>
        <translation>“{subject}”: {progress}</translation>
    </message>
</context>
<context>
    <name>OutboxSender</name>
    <message>
        <source>Pont needs the password for {email} to send the post.</source>
        <translation>Mae ar Pont angen y cyfrinair ar gyfer {email} er mwyn anfon y neges.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Anfon</translation>
    </message>
</context>
<context>
    <name>OutboxWords</name>
    <message>
        <source>Sent to {done} of 1 member.</source>
        <translation>Anfonwyd at {done} o 1 aelod.</translation>
    </message>
    <message>
        <source>Sent to {done} of {count} members.</source>
        <translation>Anfonwyd at {done} o {count} aelod.</translation>
    </message>
    <message>
        <source>Sending batch {batch} of {batches}…</source>
        <translation>Yn anfon swp {batch} o {batches}…</translation>
    </message>
    <message>
        <source>Sending to 1 member…</source>
        <translation>Yn anfon at 1 aelod…</translation>
    </message>
    <message>
        <source>Sending to {count} members…</source>
        <translation>Yn anfon at {count} aelod…</translation>
    </message>
    <message>
        <source>Batch {batch} waits for later.</source>
        <translation>Bydd swp {batch} yn mynd yn nes ymlaen.</translation>
    </message>
    <message>
        <source>Batch {batch} could not be sent.</source>
        <translation>Nid oedd modd anfon swp {batch}.</translation>
    </message>
    <message>
        <source>Batch {batch}: cancelled.</source>
        <translation>Swp {batch}: wedi’i ganslo.</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Wedi’i hanfon</translation>
    </message>
    <message>
        <source>Sent, some refused</source>
        <translation>Wedi’i hanfon, rhai wedi’u gwrthod</translation>
    </message>
    <message>
        <source>Waiting until {time}</source>
        <translation>Yn aros tan {time}</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Yn anfon</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Yn aros i’w hanfon</translation>
    </message>
    <message>
        <source>Paused: password refused</source>
        <translation>Wedi oedi: cyfrinair wedi’i wrthod</translation>
    </message>
    <message>
        <source>Not sent ({failed} of {batches} batches failed)</source>
        <translation>Heb ei hanfon ({failed} o {batches} swp wedi methu)</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Wedi’i chanslo</translation>
    </message>
    <message>
        <source>Sent to all 1 member.</source>
        <translation>Anfonwyd at yr 1 aelod.</translation>
    </message>
    <message>
        <source>Sent to all {count} members.</source>
        <translation>Anfonwyd at bob un o’r {count} aelod.</translation>
    </message>
    <message>
        <source>Cancelled: {accepted} of 1 member had it before you stopped it.</source>
        <translation>Wedi’i chanslo: roedd {accepted} o 1 aelod wedi’i chael cyn i chi ei hatal.</translation>
    </message>
    <message>
        <source>Cancelled: {accepted} of {count} members had it before you stopped it.</source>
        <translation>Wedi’i chanslo: roedd {accepted} o {count} aelod wedi’i chael cyn i chi ei hatal.</translation>
    </message>
    <message>
        <source>Sending paused after {accepted} of 1 member: {problem}. Then choose Resume to type the password again.</source>
        <translation>Mae’r anfon wedi oedi ar ôl {accepted} o 1 aelod: {problem}. Yna dewiswch Ailddechrau i deipio’r cyfrinair eto.</translation>
    </message>
    <message>
        <source>Sending paused after {accepted} of {count} members: {problem}. Then choose Resume to type the password again.</source>
        <translation>Mae’r anfon wedi oedi ar ôl {accepted} o {count} aelod: {problem}. Yna dewiswch Ailddechrau i deipio’r cyfrinair eto.</translation>
    </message>
    <message>
        <source>{named} cannot be reached through your mail server: it cannot send to an address with letters beyond A to Z (it does not offer SMTPUTF8). Ask for another address, or send through a provider that can.</source>
        <translation>Ni ellir cyrraedd {named} drwy eich gweinydd e-bost: ni all anfon at gyfeiriad sydd â llythrennau y tu hwnt i A i Z (nid yw’n cynnig SMTPUTF8). Gofynnwch am gyfeiriad arall, neu anfonwch drwy ddarparwr sy’n gallu gwneud hynny.</translation>
    </message>
    <message>
        <source>{count} members cannot be reached through your mail server: {named}; and {more} more (see Post ▸ Outbox…). It cannot send to addresses with letters beyond A to Z (it does not offer SMTPUTF8). Ask for other addresses, or send through a provider that can.</source>
        <translation>Ni ellir cyrraedd {count} aelod drwy eich gweinydd e-bost: {named}; ynghyd â {more} arall (gweler Neges ▸ Blwch Allan…). Ni all anfon at gyfeiriadau sydd â llythrennau y tu hwnt i A i Z (nid yw’n cynnig SMTPUTF8). Gofynnwch am gyfeiriadau eraill, neu anfonwch drwy ddarparwr sy’n gallu gwneud hynny.</translation>
    </message>
    <message>
        <source>{count} members cannot be reached through your mail server: {named}. It cannot send to addresses with letters beyond A to Z (it does not offer SMTPUTF8). Ask for other addresses, or send through a provider that can.</source>
        <translation>Ni ellir cyrraedd {count} aelod drwy eich gweinydd e-bost: {named}. Ni all anfon at gyfeiriadau sydd â llythrennau y tu hwnt i A i Z (nid yw’n cynnig SMTPUTF8). Gofynnwch am gyfeiriadau eraill, neu anfonwch drwy ddarparwr sy’n gallu gwneud hynny.</translation>
    </message>
    <message>
        <source>1 address was refused: {named}. Check them, then choose Retry failed.</source>
        <translation>Gwrthodwyd 1 cyfeiriad: {named}. Gwiriwch ef, yna dewiswch Rhoi cynnig arall ar fethiannau.</translation>
    </message>
    <message>
        <source>{count} addresses were refused: {named}; and {more} more (see Post ▸ Outbox…). Check them, then choose Retry failed.</source>
        <translation>Gwrthodwyd {count} cyfeiriad: {named}; ynghyd â {more} arall (gweler Neges ▸ Blwch Allan…). Gwiriwch nhw, yna dewiswch Rhoi cynnig arall ar fethiannau.</translation>
    </message>
    <message>
        <source>{count} addresses were refused: {named}. Check them, then choose Retry failed.</source>
        <translation>Gwrthodwyd {count} cyfeiriad: {named}. Gwiriwch nhw, yna dewiswch Rhoi cynnig arall ar fethiannau.</translation>
    </message>
    <message>
        <source>1 batch could not be sent: {problem} Choose Retry failed to try again.</source>
        <translation>Nid oedd modd anfon 1 swp: {problem} Dewiswch Rhoi cynnig arall ar fethiannau i’w anfon eto.</translation>
    </message>
    <message>
        <source>{count} batches could not be sent: {problem} Choose Retry failed to try again.</source>
        <translation>Nid oedd modd anfon {count} swp: {problem} Dewiswch Rhoi cynnig arall ar fethiannau i’w hanfon eto.</translation>
    </message>
    <message>
        <source>The rest goes after {time}. {reason} Pont sends it then if it is open, or when you next open it.</source>
        <translation>Bydd y gweddill yn mynd ar ôl {time}. {reason} Bydd Pont yn ei anfon bryd hynny os yw ar agor, neu pan fyddwch chi’n agor Pont nesaf.</translation>
    </message>
    <message>
        <source>Pont could not finish: {problems} The rest waits in the outbox: choose Resume to try again.</source>
        <translation>Methodd Pont â gorffen: {problems} Mae’r gweddill yn aros yn y Blwch Allan: dewiswch Ailddechrau i roi cynnig arall arni.</translation>
    </message>
    <message>
        <source>The rest waits in the outbox: choose Resume to send it.</source>
        <translation>Mae’r gweddill yn aros yn y Blwch Allan: dewiswch Ailddechrau i’w anfon.</translation>
    </message>
</context>
<context>
    <name>PasswordPrompt</name>
    <message>
        <source>Password for {email}</source>
        <translation>Cyfrinair ar gyfer {email}</translation>
    </message>
    <message>
        <source>Pont needs the password for {email} to fetch new messages.</source>
        <translation>Mae ar Pont angen y cyfrinair ar gyfer {email} er mwyn nôl negeseuon newydd.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Cyfrinair</translation>
    </message>
    <message>
        <source>&amp;Show password</source>
        <translation>&amp;Dangos y cyfrinair</translation>
    </message>
    <message>
        <source>&amp;Remember it on this computer</source>
        <translation>&amp;Cofio ar y cyfrifiadur hwn</translation>
    </message>
    <message>
        <source>This computer has no password store Pont can use: Pont keeps the password until you close it, and asks again next time.</source>
        <translation>Nid oes storfa cyfrineiriau ar y cyfrifiadur hwn y gall Pont ei defnyddio: bydd Pont yn cadw’r cyfrinair nes i chi gau Pont, ac yn gofyn eto y tro nesaf.</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>C&amp;yfrinair:</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Fetch messages</source>
        <translation>Nôl negeseuon</translation>
    </message>
</context>
<context>
    <name>PastePage</name>
    <message>
        <source>&amp;Addresses:</source>
        <translation>&amp;Cyfeiriadau:</translation>
    </message>
    <message>
        <source>Paste the addresses from an email’s To or Cc line, or a list with one person on each line. Names are kept: Ann Jones &lt;ann@example.org&gt;.</source>
        <translation>Gludwch y cyfeiriadau o linell At neu Cc neges e-bost, neu restr gydag un person ar bob llinell. Caiff yr enwau eu cadw: Ann Jones &lt;ann@example.org&gt;.</translation>
    </message>
    <message>
        <source>Pasted addresses</source>
        <translation>Cyfeiriadau wedi’u gludo</translation>
    </message>
    <message>
        <source>Ann Jones &lt;ann@example.org&gt;; bob@example.org
&quot;Evans, Dai&quot; &lt;dai.evans@example.org&gt;</source>
        <translation>Ann Jones &lt;ann@example.org&gt;; bob@example.org
&quot;Evans, Dai&quot; &lt;dai.evans@example.org&gt;</translation>
    </message>
    <message>
        <source>People found</source>
        <translation>Pobl a ganfuwyd</translation>
    </message>
</context>
<context>
    <name>PeopleList</name>
    <message>
        <source>People in the conversation</source>
        <translation>Pobl yn y sgwrs</translation>
    </message>
    <message>
        <source>Ticked people become members. Space ticks or unticks one.</source>
        <translation>Bydd y bobl â thic yn dod yn aelodau. Mae’r bylchwr yn rhoi neu’n tynnu tic.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Enw</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-bost</translation>
    </message>
    <message>
        <source>Wrote</source>
        <translation>Ysgrifennodd</translation>
    </message>
    <message>
        <source>In messages</source>
        <translation>Mewn negeseuon</translation>
    </message>
    <message>
        <source>{name} (you)</source>
        <translation>{name} (chi)</translation>
    </message>
    <message>
        <source>(you)</source>
        <translation>(chi)</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <source>Name</source>
        <translation>Enw</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>Cyfeiriad e-bost</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Sefydliad</translation>
    </message>
    <message>
        <source>When you import</source>
        <translation>Wrth fewnforio</translation>
    </message>
</context>
<context>
    <name>PontTray</name>
    <message>
        <source>&amp;Open Pont</source>
        <translation>&amp;Agor Pont</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Gadael</translation>
    </message>
</context>
<context>
    <name>PostActions</name>
    <message>
        <source>&amp;New post…</source>
        <translation>&amp;Neges newydd…</translation>
    </message>
    <message>
        <source>Write to the group’s members (Ctrl+M)</source>
        <translation>Ysgrifennu at aelodau’r grŵp (Ctrl+M)</translation>
    </message>
    <message>
        <source>&amp;Drafts…</source>
        <translation>D&amp;rafftiau…</translation>
    </message>
    <message>
        <source>Posts you wrote and have not sent yet</source>
        <translation>Negeseuon a ysgrifennoch chi ond sydd heb eu hanfon eto</translation>
    </message>
    <message>
        <source>&amp;Outbox…</source>
        <translation>&amp;Blwch Allan…</translation>
    </message>
    <message>
        <source>Posts being sent, waiting, or not delivered</source>
        <translation>Negeseuon sy’n cael eu hanfon, yn aros, neu heb eu danfon</translation>
    </message>
    <message>
        <source>Demo: these batches go to a rehearsal mail world, not to anyone. They go a minute apart, as your provider would want, and in the demo a minute takes {seconds} seconds.</source>
        <translation>Demo: mae’r sypiau hyn yn mynd i fyd e-bost ymarfer, nid at neb. Maen nhw’n mynd funud ar wahân, fel y byddai’ch darparwr yn ei ddymuno, ac yn y demo mae munud yn cymryd {seconds} eiliad.</translation>
    </message>
    <message>
        <source>A member replied to your post: see Conversations.</source>
        <translation>Mae aelod wedi ateb eich neges: gweler y Sgyrsiau.</translation>
    </message>
    <message>
        <source>Members replied to {n} of your posts: see Conversations.</source>
        <translation>Mae aelodau wedi ateb {n} o’ch negeseuon: gweler y Sgyrsiau.</translation>
    </message>
    <message>
        <source>Saved as a draft. Post ▸ Drafts opens it again.</source>
        <translation>Wedi’i chadw fel drafft. Mae Neges ▸ Drafftiau yn ei hagor eto.</translation>
    </message>
    <message>
        <source>Your unsent post is open again.</source>
        <translation>Mae eich neges heb ei hanfon ar agor eto.</translation>
    </message>
    <message>
        <source>Your {n} unsent posts are open again.</source>
        <translation>Mae eich {n} neges heb eu hanfon ar agor eto.</translation>
    </message>
    <message>
        <source>1 draft waits in Post ▸ Drafts.</source>
        <translation>Mae 1 drafft yn aros yn Neges ▸ Drafftiau.</translation>
    </message>
    <message>
        <source>{n} drafts wait in Post ▸ Drafts.</source>
        <translation>Mae {n} drafft yn aros yn Neges ▸ Drafftiau.</translation>
    </message>
</context>
<context>
    <name>PostEditor</name>
    <message>
        <source>Text of the post</source>
        <translation>Testun y neges</translation>
    </message>
    <message>
        <source>Write your post here…</source>
        <translation>Ysgrifennwch eich neges yma…</translation>
    </message>
    <message>
        <source>&amp;Bold</source>
        <translation>&amp;Trwm</translation>
    </message>
    <message>
        <source>&amp;Italic</source>
        <translation>&amp;Italig</translation>
    </message>
    <message>
        <source>• &amp;List</source>
        <translation>• &amp;Rhestr</translation>
    </message>
    <message>
        <source>A bulleted list</source>
        <translation>Rhestr fwledi</translation>
    </message>
    <message>
        <source>1. &amp;Numbered</source>
        <translation>1. Rhi&amp;fo</translation>
    </message>
    <message>
        <source>A numbered list</source>
        <translation>Rhestr wedi’i rhifo</translation>
    </message>
    <message>
        <source>Lin&amp;k…</source>
        <translation>&amp;Dolen…</translation>
    </message>
    <message>
        <source>Make the selected words a link to a web page or address</source>
        <translation>Troi’r geiriau a ddewiswyd yn ddolen i dudalen we neu gyfeiriad</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Dolen</translation>
    </message>
    <message>
        <source>Address of the web page (https://…) or email address:</source>
        <translation>Cyfeiriad y dudalen we (https://…) neu gyfeiriad e-bost:</translation>
    </message>
    <message>
        <source>“{address}” is not a web address or an email address, so it was not made a link. Use an address starting https:// or an email address.</source>
        <translation>Nid yw “{address}” yn gyfeiriad gwe nac yn gyfeiriad e-bost, felly ni chafodd ei droi’n ddolen. Defnyddiwch gyfeiriad sy’n dechrau https:// neu gyfeiriad e-bost.</translation>
    </message>
</context>
<context>
    <name>Posts</name>
    <message>
        <source>Could not read the attachment {path}: {reason}.</source>
        <translation>Nid oedd modd darllen yr atodiad {path}: {reason}.</translation>
    </message>
    <message>
        <source>The attachments come to {total}. Email makes files about a third larger, so they would be more than the {limit} a message can carry. Share large files by a link instead.</source>
        <translation>Mae’r atodiadau’n {total} gyda’i gilydd. Mae e-bost yn gwneud ffeiliau tua thraean yn fwy, felly bydden nhw’n fwy na’r {limit} y gall neges ei chario. Rhannwch ffeiliau mawr drwy ddolen yn lle hynny.</translation>
    </message>
    <message>
        <source>A post needs a subject, so people can find it again.</source>
        <translation>Mae angen pwnc ar neges, er mwyn i bobl allu dod o hyd iddi eto.</translation>
    </message>
    <message>
        <source>The post is empty: write something or attach a file.</source>
        <translation>Mae’r neges yn wag: ysgrifennwch rywbeth neu atodwch ffeil.</translation>
    </message>
    <message>
        <source>{group} has no active members to send the post to.</source>
        <translation>Nid oes gan {group} aelodau gweithredol i anfon y neges atyn nhw.</translation>
    </message>
</context>
<context>
    <name>ProfileActions</name>
    <message>
        <source>Export e&amp;verything…</source>
        <translation>Allforio &amp;popeth…</translation>
    </message>
    <message>
        <source>Save all groups, members, drafts and messages in one file, to hand the group to another coordinator (passwords are never included)</source>
        <translation>Cadw pob grŵp, aelod, drafft a neges mewn un ffeil, i drosglwyddo’r grŵp i gydlynydd arall (ni chaiff cyfrineiriau byth eu cynnwys)</translation>
    </message>
    <message>
        <source>I&amp;mport everything…</source>
        <translation>Mewn&amp;forio popeth…</translation>
    </message>
    <message>
        <source>Open a file another coordinator exported</source>
        <translation>Agor ffeil a allforiwyd gan gydlynydd arall</translation>
    </message>
    <message>
        <source>Restore from &amp;backup…</source>
        <translation>A&amp;dfer o gopi wrth gefn…</translation>
    </message>
    <message>
        <source>Put back your data as it was on an earlier day</source>
        <translation>Rhoi eich data yn ôl fel yr oedd ar ddiwrnod cynharach</translation>
    </message>
    <message>
        <source>Pont everything {date}.zip</source>
        <translation>Pont popeth {date}.zip</translation>
    </message>
    <message>
        <source>Export everything</source>
        <translation>Allforio popeth</translation>
    </message>
    <message>
        <source>Pont export (*.zip)</source>
        <translation>Allforiad Pont (*.zip)</translation>
    </message>
    <message>
        <source>Saving everything to {file}…</source>
        <translation>Yn cadw popeth yn {file}…</translation>
    </message>
    <message>
        <source>Saved everything to {file}. No password is in it: whoever opens it signs in with their own.</source>
        <translation>Mae popeth wedi’i gadw yn {file}. Nid oes cyfrinair yn y ffeil: bydd pwy bynnag sy’n ei hagor yn mewngofnodi â’u cyfrinair eu hunain.</translation>
    </message>
    <message>
        <source>Import everything</source>
        <translation>Mewnforio popeth</translation>
    </message>
    <message>
        <source>Replace what is in Pont with {file}?</source>
        <translation>Rhoi {file} yn lle’r hyn sydd yn Pont?</translation>
    </message>
    <message>
        <source>Pont now holds {here}. The file holds {theirs}, saved on {date}.

What is here now is kept as a backup: Restore from backup brings it back. Pont will close this window and open it again on the imported data.</source>
        <translation>Mae Pont yn cynnwys {here} ar hyn o bryd. Mae’r ffeil yn cynnwys {theirs}, a gadwyd {date}.

Caiff yr hyn sydd yma nawr ei gadw fel copi wrth gefn: bydd Adfer o gopi wrth gefn yn dod ag ef yn ôl. Bydd Pont yn cau’r ffenestr hon ac yn ei hagor eto gyda’r data a fewnforiwyd.</translation>
    </message>
    <message>
        <source>Replace and import</source>
        <translation>Disodli a mewnforio</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Adfer o gopi wrth gefn</translation>
    </message>
    <message>
        <source>Restore the backup from {when}?</source>
        <translation>Adfer y copi wrth gefn o {when}?</translation>
    </message>
    <message>
        <source>Everything goes back to how it was then: groups, members, drafts, the outbox and messages. What is here now is kept as a backup, so you can come back to it.

Pont will close this window and open it again on the restored data.</source>
        <translation>Bydd popeth fel yr oedd bryd hynny: grwpiau, aelodau, drafftiau, y Blwch Allan a negeseuon. Caiff yr hyn sydd yma nawr ei gadw fel copi wrth gefn, er mwyn i chi allu dod yn ôl ato.

Bydd Pont yn cau’r ffenestr hon ac yn ei hagor eto gyda’r data a adferwyd.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Adfer</translation>
    </message>
    <message>
        <source>That backup</source>
        <translation>Y copi wrth gefn hwnnw</translation>
    </message>
    <message>
        <source>Restored the backup from {when}.</source>
        <translation>Wedi adfer y copi wrth gefn o {when}.</translation>
    </message>
    <message>
        <source>Restored the backup from {when}. What was here before is kept as a backup; Restore from backup brings it back.</source>
        <translation>Wedi adfer y copi wrth gefn o {when}. Mae’r hyn oedd yma o’r blaen wedi’i gadw fel copi wrth gefn; bydd Adfer o gopi wrth gefn yn dod ag ef yn ôl.</translation>
    </message>
    <message>
        <source>Something went wrong inside Pont ({error}). What was there before is kept: Restore from backup lists it.</source>
        <translation>Aeth rhywbeth o’i le yn Pont ({error}). Mae’r hyn oedd yno o’r blaen wedi’i gadw: mae Adfer o gopi wrth gefn yn ei restru.</translation>
    </message>
    <message>
        <source>No backup today: {reason}</source>
        <translation>Dim copi wrth gefn heddiw: {reason}</translation>
    </message>
</context>
<context>
    <name>QGnomeTheme</name>
    <message>
        <source>&amp;OK</source>
        <translation>&amp;Iawn</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Cadw</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Ca&amp;nslo</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>Ca&amp;u</translation>
    </message>
    <message>
        <source>Close without Saving</source>
        <translation>Cau heb gadw</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Dadwneud</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Ail-wneud</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Torri</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copïo</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Gludo</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Dileu</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Dewis y cyfan</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Iawn</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Cadw</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Agor</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cau</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Gweithredu</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Ailosod</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Cymorth</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Taflu</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ie</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Na</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Rhoi cynnig arall</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Anwybyddu</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Rhoi’r gorau iddi</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Dadwneud</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Ail-wneud</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Torri</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copïo</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Copïo &amp;lleoliad y ddolen</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Gludo</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Dileu</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Dewis y cyfan</translation>
    </message>
</context>
<context>
    <name>Relay</name>
    <message>
        <source>The message is {size}, more than the {limit} your provider takes in one message.</source>
        <translation>Mae&apos;r neges yn {size}, mwy na&apos;r {limit} y mae eich darparwr yn ei gymryd mewn un neges.</translation>
    </message>
    <message>
        <source>This message was not written to a group.</source>
        <translation>Ni chafodd y neges hon ei hysgrifennu at grŵp.</translation>
    </message>
    <message>
        <source>{group} has no other active member to pass the message on to.</source>
        <translation>Nid oes gan {group} unrhyw aelod gweithredol arall i anfon y neges ymlaen ato.</translation>
    </message>
</context>
<context>
    <name>ReplySource</name>
    <message>
        <source>{name} wrote:</source>
        <translation>Ysgrifennodd {name}:</translation>
    </message>
    <message>
        <source>On {date}, {name} wrote:</source>
        <translation>Ar {date}, ysgrifennodd {name}:</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Rhywun</translation>
    </message>
    <message>
        <source>-------- Forwarded message --------</source>
        <translation>-------- Neges a anfonwyd ymlaen --------</translation>
    </message>
    <message>
        <source>Subject: {subject}</source>
        <translation>Pwnc: {subject}</translation>
    </message>
    <message>
        <source>Date: {date}</source>
        <translation>Dyddiad: {date}</translation>
    </message>
    <message>
        <source>From: {sender}</source>
        <translation>Oddi wrth: {sender}</translation>
    </message>
    <message>
        <source>To: {people}</source>
        <translation>At: {people}</translation>
    </message>
</context>
<context>
    <name>Requests</name>
    <message>
        <source>There is no request number {number}.</source>
        <translation>Does dim cais rhif {number}.</translation>
    </message>
    <message>
        <source>Request {number} has been decided already; nothing was changed.</source>
        <translation>Mae penderfyniad wedi’i wneud ar gais {number} yn barod; ni newidiwyd dim.</translation>
    </message>
</context>
<context>
    <name>RequestsDialog</name>
    <message>
        <source>Join and leave requests — Pont</source>
        <translation>Ceisiadau ymuno a gadael — Pont</translation>
    </message>
    <message>
        <source>People who wrote “join” or “leave” (in English or Welsh) to you or to a group’s address. Approving a leave marks them as left and sends a goodbye. Approving a join sends them a message to confirm: they join when they answer it, and their consent to the visible roster is kept.</source>
        <translation>Pobl a ysgrifennodd “ymuno” neu “gadael” (yn Gymraeg neu’n Saesneg) atoch chi neu at gyfeiriad grŵp. Mae cymeradwyo cais i adael yn eu marcio fel wedi gadael ac yn anfon neges ffarwél. Mae cymeradwyo cais i ymuno yn anfon neges atyn nhw i’w chadarnhau: maen nhw’n ymuno pan fyddan nhw’n ei hateb, a chaiff eu cydsyniad i’r rhestr aelodau weladwy ei gadw.</translation>
    </message>
    <message>
        <source>Join and leave requests</source>
        <translation>Ceisiadau ymuno a gadael</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Cais</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grŵp</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Pryd</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Cyflwr</translation>
    </message>
    <message>
        <source>No requests are waiting.</source>
        <translation>Does dim ceisiadau’n aros.</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>Beth a wnaed</translation>
    </message>
    <message>
        <source>Show &amp;decided requests too</source>
        <translation>Dangos y ceisiadau a &amp;benderfynwyd hefyd</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Cymeradwyo</translation>
    </message>
    <message>
        <source>Leave: mark them as left and say goodbye. Join: ask them to confirm.</source>
        <translation>Gadael: eu marcio fel wedi gadael a ffarwelio. Ymuno: gofyn iddyn nhw gadarnhau.</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Gwrthod</translation>
    </message>
    <message>
        <source>Turn the request down; Pont sends them nothing</source>
        <translation>Gwrthod y cais; nid yw Pont yn anfon dim atyn nhw</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Ymuno</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Gadael</translation>
    </message>
    <message>
        <source>Waiting for you</source>
        <translation>Yn aros amdanoch chi</translation>
    </message>
    <message>
        <source>Waiting for them to confirm</source>
        <translation>Yn aros iddyn nhw gadarnhau</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Wedi’i wneud</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Wedi’i wrthod</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Wedi dod i ben</translation>
    </message>
    <message>
        <source>Approved the request. Pont’s message to them is in the outbox.</source>
        <translation>Wedi cymeradwyo’r cais. Mae neges Pont atyn nhw yn y Blwch Allan.</translation>
    </message>
    <message>
        <source>Approved {count} requests. Pont’s messages to them are in the outbox.</source>
        <translation>Wedi cymeradwyo {count} cais. Mae negeseuon Pont atyn nhw yn y Blwch Allan.</translation>
    </message>
    <message>
        <source>Rejected the request.</source>
        <translation>Wedi gwrthod y cais.</translation>
    </message>
    <message>
        <source>Rejected {count} requests.</source>
        <translation>Wedi gwrthod {count} cais.</translation>
    </message>
</context>
<context>
    <name>Routes</name>
    <message>
        <source>Read over IMAP</source>
        <translation>Darllen dros IMAP</translation>
    </message>
    <message>
        <source>Send over SMTP</source>
        <translation>Anfon dros SMTP</translation>
    </message>
    <message>
        <source>Send through Microsoft Graph</source>
        <translation>Anfon drwy Microsoft Graph</translation>
    </message>
    <message>
        <source>Read through Microsoft Graph</source>
        <translation>Darllen drwy Microsoft Graph</translation>
    </message>
    <message>
        <source>Asking Microsoft whether Pont may send through Graph…</source>
        <translation>Yn gofyn i Microsoft a gaiff Pont anfon drwy Graph…</translation>
    </message>
    <message>
        <source>Reading your inbox through Microsoft Graph…</source>
        <translation>Yn darllen eich mewnflwch drwy Microsoft Graph…</translation>
    </message>
    <message>
        <source>Pont cannot send from this mailbox. {why}</source>
        <translation>Ni all Pont anfon o’r blwch post hwn. {why}</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>(no subject)</source>
        <translation>(dim pwnc)</translation>
    </message>
    <message>
        <source>1 matching message</source>
        <translation>1 neges yn cyfateb</translation>
    </message>
    <message>
        <source>{n} matching messages</source>
        <translation>{n} neges yn cyfateb</translation>
    </message>
    <message>
        <source>unknown sender</source>
        <translation>anfonwr anhysbys</translation>
    </message>
</context>
<context>
    <name>SearchResultsView</name>
    <message>
        <source>Search results</source>
        <translation>Canlyniadau chwilio</translation>
    </message>
</context>
<context>
    <name>ServerBox</name>
    <message>
        <source>{server}: server name</source>
        <translation>{server}: enw’r gweinydd</translation>
    </message>
    <message>
        <source>{server}: security</source>
        <translation>{server}: diogelwch</translation>
    </message>
    <message>
        <source>SSL/TLS (recommended)</source>
        <translation>SSL/TLS (argymhellir)</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>None (only for a server on this computer)</source>
        <translation>Dim (dim ond ar gyfer gweinydd ar y cyfrifiadur hwn)</translation>
    </message>
    <message>
        <source>{server}: port</source>
        <translation>{server}: porth</translation>
    </message>
</context>
<context>
    <name>ServerSettingsForm</name>
    <message>
        <source>Your email provider’s help pages list these settings, often under “IMAP” and “SMTP”. If you are unsure, ask whoever looks after your email.</source>
        <translation>Mae tudalennau cymorth eich darparwr e-bost yn rhestru’r gosodiadau hyn, yn aml o dan “IMAP” ac “SMTP”. Os nad ydych yn siŵr, gofynnwch i bwy bynnag sy’n gofalu am eich e-bost.</translation>
    </message>
    <message>
        <source>Incoming mail server (IMAP)</source>
        <translation>Gweinydd e-bost i mewn (IMAP)</translation>
    </message>
    <message>
        <source>e.g. imap.example.org</source>
        <translation>e.e. imap.example.org</translation>
    </message>
    <message>
        <source>Server &amp;name:</source>
        <translation>&amp;Enw’r gweinydd:</translation>
    </message>
    <message>
        <source>Securit&amp;y:</source>
        <translation>Diogel&amp;wch:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>&amp;Porth:</translation>
    </message>
    <message>
        <source>Outgoing mail server (SMTP)</source>
        <translation>Gweinydd e-bost allan (SMTP)</translation>
    </message>
    <message>
        <source>e.g. smtp.example.org</source>
        <translation>e.e. smtp.example.org</translation>
    </message>
    <message>
        <source>Ser&amp;ver name:</source>
        <translation>E&amp;nw’r gweinydd:</translation>
    </message>
    <message>
        <source>Secu&amp;rity:</source>
        <translation>D&amp;iogelwch:</translation>
    </message>
    <message>
        <source>Por&amp;t:</source>
        <translation>P&amp;orth:</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Enw defnyddiwr</translation>
    </message>
    <message>
        <source>Usually your full email address</source>
        <translation>Eich cyfeiriad e-bost llawn fel arfer</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Enw de&amp;fnyddiwr:</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>start the sync</source>
        <translation>dechrau’r cysoni</translation>
    </message>
    <message>
        <source>list the mail folders</source>
        <translation>rhestru’r ffolderi e-bost</translation>
    </message>
    <message>
        <source>look for new mail in {folder}</source>
        <translation>chwilio am negeseuon newydd yn {folder}</translation>
    </message>
    <message>
        <source>send the new mail in {folder}</source>
        <translation>anfon y negeseuon newydd sydd yn {folder}</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>ni roddwyd rheswm</translation>
    </message>
    <message>
        <source>open {folder}</source>
        <translation>agor {folder}</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Set up &amp;mail account…</source>
        <translation>Gosod cyfrif &amp;e-bost…</translation>
    </message>
    <message>
        <source>Connect Pont to the mailbox the group’s mail goes through</source>
        <translation>Cysylltu Pont â’r blwch post y mae e-bost y grŵp yn mynd drwyddo</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Cysoni nawr</translation>
    </message>
    <message>
        <source>Fetch the group’s new messages from your mailbox</source>
        <translation>Nôl negeseuon newydd y grŵp o’ch blwch post</translation>
    </message>
    <message>
        <source>Sync se&amp;ttings…</source>
        <translation>&amp;Gosodiadau cysoni…</translation>
    </message>
    <message>
        <source>Choose how often Pont fetches new messages</source>
        <translation>Dewis pa mor aml y mae Pont yn nôl negeseuon newydd</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Cynnydd cysoni</translation>
    </message>
    <message>
        <source>Sync problem</source>
        <translation>Problem cysoni</translation>
    </message>
    <message>
        <source>Set up mail account</source>
        <translation>Gosod cyfrif e-bost</translation>
    </message>
    <message>
        <source>In your own group, this connects Pont to the mailbox the group’s mail goes through: Gmail, Microsoft 365, or your organisation’s. The demo has a rehearsal mailbox instead, so nothing leaves your computer. To connect yours, choose File ▸ Start my own group.</source>
        <translation>Yn eich grŵp eich hun, mae hwn yn cysylltu Pont â’r blwch post y mae e-bost y grŵp yn mynd drwyddo: Gmail, Microsoft 365, neu un eich sefydliad. Mae gan y demo flwch post ymarfer yn lle hynny, felly does dim yn gadael eich cyfrifiadur. I gysylltu’ch un chi, dewiswch Ffeil ▸ Dechrau fy ngrŵp fy hun.</translation>
    </message>
    <message>
        <source>Sync settings</source>
        <translation>Gosodiadau cysoni</translation>
    </message>
    <message>
        <source>In your own group, you choose here how often Pont fetches new mail and passes members’ posts on, and whether Pont starts when you log in. The demo has no mailbox to fetch from: its replies arrive by themselves.</source>
        <translation>Yn eich grŵp eich hun, rydych chi’n dewis yma pa mor aml mae Pont yn nôl e-bost newydd ac yn anfon negeseuon aelodau ymlaen, ac a yw Pont yn cychwyn pan fyddwch chi’n mewngofnodi. Does gan y demo ddim blwch post i nôl ohono: mae ei atebion yn cyrraedd ar eu pennau eu hunain.</translation>
    </message>
    <message>
        <source>Pont will fetch new messages every {minutes} minutes.</source>
        <translation>Bydd Pont yn nôl negeseuon newydd bob {minutes} munud.</translation>
    </message>
    <message>
        <source>Pont will fetch new messages only when you choose Sync now.</source>
        <translation>Bydd Pont yn nôl negeseuon newydd dim ond pan fyddwch yn dewis Cysoni nawr.</translation>
    </message>
    <message>
        <source>In your own group, Sync now fetches new messages from your mailbox. In the demo, a member’s reply arrives by itself a few seconds after a post has gone.</source>
        <translation>Yn eich grŵp eich hun, mae Cysoni nawr yn nôl negeseuon newydd o’ch blwch post. Yn y demo, mae ateb gan aelod yn cyrraedd ohono’i hun ychydig eiliadau ar ôl i neges fynd.</translation>
    </message>
    <message>
        <source>Pont did not fetch new messages for {emails}: it needs the password. Choose Sync now (F5) to type it.</source>
        <translation>Ni wnaeth Pont nôl negeseuon newydd ar gyfer {emails}: mae angen y cyfrinair. Dewiswch Cysoni nawr (F5) i’w deipio.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Yn cysylltu…</translation>
    </message>
    <message>
        <source>Connecting to {host}…</source>
        <translation>Yn cysylltu â {host}…</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Blwch Derbyn</translation>
    </message>
    <message>
        <source>Checking {folder}…</source>
        <translation>Yn gwirio {folder}…</translation>
    </message>
    <message>
        <source>Syncing {folder}: {done} of {total}</source>
        <translation>Yn cysoni {folder}: {done} o {total}</translation>
    </message>
    <message>
        <source>Sign in with Microsoft again…</source>
        <translation>Mewngofnodi gyda Microsoft eto…</translation>
    </message>
    <message>
        <source>{n} post relayed</source>
        <translation>{n} neges wedi’i throsglwyddo</translation>
    </message>
    <message>
        <source>{n} posts relayed</source>
        <translation>{n} neges wedi’u trosglwyddo</translation>
    </message>
    <message>
        <source>{n} post held</source>
        <translation>{n} neges wedi’i dal yn ôl</translation>
    </message>
    <message>
        <source>{n} posts held</source>
        <translation>{n} neges wedi’u dal yn ôl</translation>
    </message>
    <message>
        <source>{n} request</source>
        <translation>{n} cais</translation>
    </message>
    <message>
        <source>{n} requests</source>
        <translation>{n} cais</translation>
    </message>
    <message>
        <source>{n} bounce</source>
        <translation>{n} neges wedi’i gwrthod</translation>
    </message>
    <message>
        <source>{n} bounces</source>
        <translation>{n} neges wedi’u gwrthod</translation>
    </message>
    <message>
        <source>Group mail: {what}.</source>
        <translation>Post y grŵp: {what}.</translation>
    </message>
    <message>
        <source>Pont could not fetch new messages: {why}</source>
        <translation>Methodd Pont â nôl negeseuon newydd: {why}</translation>
    </message>
    <message>
        <source>Synced: no new group messages.</source>
        <translation>Wedi cysoni: dim negeseuon grŵp newydd.</translation>
    </message>
    <message>
        <source>Synced: {messages}, {threads}.</source>
        <translation>Wedi cysoni: {messages}, {threads}.</translation>
    </message>
    <message>
        <source>{n} new group message</source>
        <translation>{n} neges grŵp newydd</translation>
    </message>
    <message>
        <source>{n} new group messages</source>
        <translation>{n} neges grŵp newydd</translation>
    </message>
    <message>
        <source>{n} conversation updated</source>
        <translation>{n} sgwrs wedi’i diweddaru</translation>
    </message>
    <message>
        <source>{n} conversations updated</source>
        <translation>{n} sgwrs wedi’u diweddaru</translation>
    </message>
    <message>
        <source>{n} message could not be read in full and is marked in its conversation.</source>
        <translation>Nid oedd modd darllen {n} neges yn llawn, ac mae wedi’i nodi yn ei sgwrs.</translation>
    </message>
    <message>
        <source>{n} messages could not be read in full and are marked in their conversations.</source>
        <translation>Nid oedd modd darllen {n} neges yn llawn, ac maen nhw wedi’u nodi yn eu sgyrsiau.</translation>
    </message>
    <message>
        <source>{n} message was passed over and left in your mailbox.</source>
        <translation>Cafodd {n} neges ei hepgor a’i gadael yn eich blwch post.</translation>
    </message>
    <message>
        <source>{n} messages were passed over and left in your mailbox.</source>
        <translation>Cafodd {n} neges eu hepgor a’u gadael yn eich blwch post.</translation>
    </message>
    <message>
        <source>“{subject}” in {folder}</source>
        <translation>“{subject}” yn {folder}</translation>
    </message>
    <message>
        <source>message {number} in {folder}</source>
        <translation>neges {number} yn {folder}</translation>
    </message>
    <message>
        <source>{n} more</source>
        <translation>{n} arall</translation>
    </message>
    <message>
        <source>Your mail server could not send Pont one message, so it was passed over: {messages}. It is still in your mailbox: read it in your mail program or webmail.</source>
        <translation>Methodd eich gweinydd e-bost ag anfon un neges at Pont, felly cafodd ei hepgor: {messages}. Mae hi yn eich blwch post o hyd: darllenwch hi yn eich rhaglen e-bost neu’ch gwebost.</translation>
    </message>
    <message>
        <source>Your mail server could not send Pont {n} messages, so they were passed over: {messages}. They are still in your mailbox: read them in your mail program or webmail.</source>
        <translation>Methodd eich gweinydd e-bost ag anfon {n} neges at Pont, felly cawsant eu hepgor: {messages}. Maen nhw yn eich blwch post o hyd: darllenwch nhw yn eich rhaglen e-bost neu’ch gwebost.</translation>
    </message>
    <message>
        <source>{server} did not accept the password for {email}, so Pont could not fetch new messages. Choose Sync now (F5) to type it again (passwords are case-sensitive).</source>
        <translation>Ni wnaeth {server} dderbyn y cyfrinair ar gyfer {email}, felly methodd Pont â nôl negeseuon newydd. Dewiswch Cysoni nawr (F5) i’w deipio eto (mae cyfrineiriau’n sensitif i briflythrennau).</translation>
    </message>
    <message>
        <source>Pont could not fetch new messages for {email}. {why}</source>
        <translation>Methodd Pont â nôl negeseuon newydd ar gyfer {email}. {why}</translation>
    </message>
    <message>
        <source>Then choose Sync now (F5) to type the new password.</source>
        <translation>Yna dewiswch Cysoni nawr (F5) i deipio’r cyfrinair newydd.</translation>
    </message>
    <message>
        <source>To check the server’s new certificate, set the account up again (Mail → Set up mail account…).</source>
        <translation>I wirio tystysgrif newydd y gweinydd, gosodwch y cyfrif eto (E-bost → Gosod cyfrif e-bost…).</translation>
    </message>
</context>
<context>
    <name>SyncSettingsDialog</name>
    <message>
        <source>Sync settings</source>
        <translation>Gosodiadau cysoni</translation>
    </message>
    <message>
        <source>Never: only when I choose Sync now</source>
        <translation>Byth: dim ond pan fyddaf yn dewis Cysoni nawr</translation>
    </message>
    <message>
        <source>Fetch new messages</source>
        <translation>Nôl negeseuon newydd</translation>
    </message>
    <message>
        <source>Every {minutes} minutes</source>
        <translation>Bob {minutes} munud</translation>
    </message>
    <message>
        <source>While Pont is open it fetches the group’s new messages from your mailbox this often, and each time it starts, then passes members’ posts on to the group. Sync now (F5) does it at any moment.</source>
        <translation>Tra bo Pont ar agor, mae’n nôl negeseuon newydd y grŵp o’ch blwch post mor aml â hyn, a phob tro y mae’n cychwyn, ac yna’n trosglwyddo negeseuon yr aelodau i’r grŵp. Mae Cysoni nawr (F5) yn gwneud hyn unrhyw bryd.</translation>
    </message>
    <message>
        <source>Start Pont when I &amp;log in</source>
        <translation>Cychwyn Pont pan fyddaf yn &amp;mewngofnodi</translation>
    </message>
    <message>
        <source>&amp;Keep running in the system tray when I close the window</source>
        <translation>&amp;Dal i redeg yn hambwrdd y system pan fyddaf yn cau’r ffenestr</translation>
    </message>
    <message>
        <source>Pont starts hidden, as an icon in the system tray, and keeps the group’s mail flowing on the schedule above.</source>
        <translation>Mae Pont yn cychwyn o’r golwg, fel eicon yn hambwrdd y system, ac yn cadw post y grŵp i lifo yn ôl yr amserlen uchod.</translation>
    </message>
    <message>
        <source>This desktop has no system tray, so Pont starts as a minimised window instead, and keeps the group’s mail flowing on the schedule above.</source>
        <translation>Nid oes gan y bwrdd gwaith hwn hambwrdd system, felly mae Pont yn cychwyn fel ffenestr wedi’i lleihau yn lle hynny, ac yn cadw post y grŵp i lifo yn ôl yr amserlen uchod.</translation>
    </message>
    <message>
        <source>This desktop has no system tray.</source>
        <translation>Nid oes gan y bwrdd gwaith hwn hambwrdd system.</translation>
    </message>
    <message>
        <source>&amp;Fetch new messages:</source>
        <translation>&amp;Nôl negeseuon newydd:</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Cadw</translation>
    </message>
</context>
<context>
    <name>ThreadsTableModel</name>
    <message>
        <source>Subject</source>
        <translation>Pwnc</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Pobl</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Negeseuon</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Gweithgarwch diwethaf</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(dim pwnc)</translation>
    </message>
</context>
<context>
    <name>TransferActions</name>
    <message>
        <source>&amp;Import a list…</source>
        <translation>&amp;Mewnforio rhestr…</translation>
    </message>
    <message>
        <source>Add members from a spreadsheet (CSV) or address-book (vCard) file</source>
        <translation>Ychwanegu aelodau o ffeil daenlen (CSV) neu ffeil llyfr cyfeiriadau (vCard)</translation>
    </message>
    <message>
        <source>&amp;Paste addresses…</source>
        <translation>G&amp;ludo cyfeiriadau…</translation>
    </message>
    <message>
        <source>Add members from addresses copied from an email or a list</source>
        <translation>Ychwanegu aelodau o gyfeiriadau a gopïwyd o neges e-bost neu restr</translation>
    </message>
    <message>
        <source>&amp;Export members…</source>
        <translation>&amp;Allforio aelodau…</translation>
    </message>
    <message>
        <source>Save the members as a CSV file for Excel, or as vCards</source>
        <translation>Cadw’r aelodau fel ffeil CSV ar gyfer Excel, neu fel vCards</translation>
    </message>
    <message>
        <source>Spreadsheet, for Excel and mail programs (*.csv)</source>
        <translation>Taenlen, ar gyfer Excel a rhaglenni e-bost (*.csv)</translation>
    </message>
    <message>
        <source>Address-book cards (*.vcf)</source>
        <translation>Cardiau llyfr cyfeiriadau (*.vcf)</translation>
    </message>
    <message>
        <source>{group} members</source>
        <translation>Aelodau {group}</translation>
    </message>
    <message>
        <source>Export members</source>
        <translation>Allforio aelodau</translation>
    </message>
    <message>
        <source>Pont could not write {file}: {reason}. Try another folder.</source>
        <translation>Methodd Pont ag ysgrifennu {file}: {reason}. Rhowch gynnig ar ffolder arall.</translation>
    </message>
    <message>
        <source>Exported {count} members of {group} to {file}.</source>
        <translation>Wedi allforio {count} aelod o {group} i {file}.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Pont</source>
        <translation>Croeso i Pont</translation>
    </message>
    <message>
        <source>Pont runs an email group from your own mailbox: it keeps the list of members and sends each post to all of them, in batches your provider accepts. Replies come back to you, and Pont keeps them as conversations.</source>
        <translation>Mae Pont yn rhedeg grŵp e-bost o’ch blwch post eich hun: mae’n cadw rhestr yr aelodau ac yn anfon pob neges at bob un ohonyn nhw, fesul swp y mae eich darparwr yn ei dderbyn. Mae’r atebion yn dod yn ôl atoch chi, ac mae Pont yn eu cadw’n sgyrsiau.</translation>
    </message>
    <message>
        <source>Make a group…</source>
        <translation>Creu grŵp…</translation>
    </message>
    <message>
        <source>Import a contacts file…</source>
        <translation>Mewnforio ffeil gysylltiadau…</translation>
    </message>
    <message>
        <source>Paste addresses…</source>
        <translation>Gludo cyfeiriadau…</translation>
    </message>
    <message>
        <source>Connect your mailbox…</source>
        <translation>Cysylltu eich blwch post…</translation>
    </message>
    <message>
        <source>Your mailbox</source>
        <translation>Eich blwch post</translation>
    </message>
    <message>
        <source>Make a group</source>
        <translation>Creu grŵp</translation>
    </message>
    <message>
        <source>A name, and a short tag for subject lines, such as [Wellbeing].</source>
        <translation>Enw, a thag byr ar gyfer llinellau pwnc, fel [Llesiant].</translation>
    </message>
    <message>
        <source>Add people</source>
        <translation>Ychwanegu pobl</translation>
    </message>
    <message>
        <source>From a contacts file saved from Excel, Outlook, Gmail or a phone, or addresses pasted from an email. Pont asks for the group’s name first.</source>
        <translation>O ffeil gysylltiadau wedi’i chadw o Excel, Outlook, Gmail neu ffôn, neu gyfeiriadau wedi’u gludo o e-bost. Mae Pont yn gofyn am enw’r grŵp yn gyntaf.</translation>
    </message>
    <message>
        <source>Connect your mailbox</source>
        <translation>Cysylltu eich blwch post</translation>
    </message>
    <message>
        <source>Read the getting-started guide</source>
        <translation>Darllen y canllaw dechrau arni</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Rhoi cynnig ar y demo</translation>
    </message>
    <message>
        <source>A sample group with members and conversations; it sends no email, and Start my own group brings you back here</source>
        <translation>Grŵp enghreifftiol gydag aelodau a sgyrsiau; nid yw’n anfon unrhyw e-bost, ac mae Dechrau fy ngrŵp fy hun yn dod â chi’n ôl yma</translation>
    </message>
    <message>
        <source>Step {number}</source>
        <translation>Cam {number}</translation>
    </message>
    <message>
        <source>Connected: {email}. The group’s mail goes from this mailbox.</source>
        <translation>Wedi cysylltu: {email}. Mae negeseuon y grŵp yn mynd o’r blwch post hwn.</translation>
    </message>
    <message>
        <source>Pont sends from your own email account and reads the replies there. Microsoft 365 mailboxes sign in with Microsoft; Gmail and Yahoo need an app password, and Pont shows you how.</source>
        <translation>Mae Pont yn anfon o’ch cyfrif e-bost eich hun ac yn darllen yr atebion yno. Mae blychau post Microsoft 365 yn mewngofnodi gyda Microsoft; mae angen cyfrinair ap ar Gmail a Yahoo, ac mae Pont yn dangos i chi sut.</translation>
    </message>
</context>
<context>
    <name>WhoGetsThisPanel</name>
    <message>
        <source>Who gets this</source>
        <translation>Pwy sy’n ei chael</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Derbynwyr</translation>
    </message>
    <message>
        <source>How it goes out</source>
        <translation>Sut mae’n cael ei hanfon</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>Sypiau</translation>
    </message>
    <message>
        <source>Today&apos;s sending allowance</source>
        <translation>Lwfans anfon heddiw</translation>
    </message>
    <message>
        <source>Spread over days</source>
        <translation>Dros sawl diwrnod</translation>
    </message>
    <message>
        <source>Why it cannot go</source>
        <translation>Pam na ellir ei hanfon</translation>
    </message>
    <message>
        <source>Use the group address</source>
        <translation>Defnyddio cyfeiriad y grŵp</translation>
    </message>
    <message>
        <source>Send this group&apos;s posts from the group address, in batches</source>
        <translation>Anfon negeseuon y grŵp hwn o gyfeiriad y grŵp, mewn sypiau</translation>
    </message>
    <message>
        <source>1 member</source>
        <translation>1 aelod</translation>
    </message>
    <message>
        <source>{count} members</source>
        <translation>{count} aelod</translation>
    </message>
    <message>
        <source>1 member paused, so left out.</source>
        <translation>1 aelod wedi oedi, felly wedi’i hepgor.</translation>
    </message>
    <message>
        <source>{count} members paused, so left out.</source>
        <translation>{count} aelod wedi oedi, felly wedi’u hepgor.</translation>
    </message>
    <message>
        <source>1 member’s mail keeps bouncing, so left out.</source>
        <translation>Mae post 1 aelod yn dal i fownsio, felly wedi’i hepgor.</translation>
    </message>
    <message>
        <source>{count} members’ mail keeps bouncing, so left out.</source>
        <translation>Mae post {count} aelod yn dal i fownsio, felly wedi’u hepgor.</translation>
    </message>
    <message>
        <source>Everyone is copied in; replies go to all.</source>
        <translation>Mae pawb yn cael copi; mae atebion yn mynd at bawb.</translation>
    </message>
    <message>
        <source>Sent from the group address {address}, members in Bcc; replies come to the group address.</source>
        <translation>Anfonir o gyfeiriad y grŵp {address}, gyda’r aelodau yn Bcc; daw atebion i gyfeiriad y grŵp.</translation>
    </message>
    <message>
        <source>Sent from the group address, members in Bcc.</source>
        <translation>Anfonir o gyfeiriad y grŵp, gyda’r aelodau yn Bcc.</translation>
    </message>
    <message>
        <source>Set up your mail account first (Mail ▸ Set up mail account…).</source>
        <translation>Gosodwch eich cyfrif e-bost yn gyntaf (E-bost ▸ Gosod cyfrif e-bost…).</translation>
    </message>
    <message>
        <source>One message.</source>
        <translation>Un neges.</translation>
    </message>
    <message>
        <source>{batches} batches of up to {size} people each.</source>
        <translation>{batches} swp o hyd at {size} person yr un.</translation>
    </message>
    <message>
        <source>Demo: nothing is really sent. Batches go a minute apart, and in the demo a minute takes {seconds} seconds.</source>
        <translation>Demo: does dim yn cael ei anfon go iawn. Mae sypiau’n mynd funud ar wahân, ac yn y demo mae munud yn cymryd {seconds} eiliad.</translation>
    </message>
    <message>
        <source>Your provider sets no daily limit that Pont knows of.</source>
        <translation>Nid yw eich darparwr yn gosod terfyn dyddiol y mae Pont yn gwybod amdano.</translation>
    </message>
    <message>
        <source>Today&apos;s allowance: {left} more people can be sent to.</source>
        <translation>Lwfans heddiw: gellir anfon at {left} person arall.</translation>
    </message>
    <message>
        <source>This post goes out over {days} days, as the allowance allows.</source>
        <translation>Bydd y neges hon yn cael ei hanfon dros {days} diwrnod, fel y mae’r lwfans yn caniatáu.</translation>
    </message>
    <message>
        <source>Too many people for one message.</source>
        <translation>Gormod o bobl ar gyfer un neges.</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>Something went wrong inside Pont ({error}).</source>
        <translation>Aeth rhywbeth o’i le yn Pont ({error}).</translation>
    </message>
</context>
</TS>
